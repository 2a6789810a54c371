/** The object store and retention settings read from the environment (src/server/config.ts). */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';

const base = { SESSION_SECRET: 'x'.repeat(40), DATA_DIR: '/srv/hs' };

describe('object store configuration', () => {
  it('defaults to a local directory in the data dir, and long retention', () => {
    const config = loadConfig(base, '/work');
    expect(config.objectStore).toEqual({ kind: 'local', root: '/srv/hs/objects' });
    expect(config.retention).toEqual({ appointmentDays: 3650, notificationDays: 365 });
    expect(loadConfig({ ...base, OBJECT_STORE_DIR: 'store' }, '/work').objectStore).toEqual({
      kind: 'local',
      root: '/work/store',
    });
  });

  it('uses S3 when a bucket is set', () => {
    const config = loadConfig(
      {
        ...base,
        S3_BUCKET: 'clinic-archive',
        S3_ENDPOINT: 'http://127.0.0.1:9000',
        S3_ACCESS_KEY_ID: 'key',
        S3_SECRET_ACCESS_KEY: 'secret',
        S3_FORCE_PATH_STYLE: 'true',
        S3_PREFIX: 'healthsync/',
        RETENTION_DAYS: '2920',
      },
      '/work',
    );
    expect(config.objectStore).toEqual({
      kind: 's3',
      bucket: 'clinic-archive',
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9000',
      forcePathStyle: true,
      credentials: { accessKeyId: 'key', secretAccessKey: 'secret' },
      prefix: 'healthsync/',
      cacheDir: '/srv/hs/cache/objects',
    });
    expect(config.retention.appointmentDays).toBe(2920);
  });

  it('names the variable for bad values and never echoes the secret', () => {
    const fail = (env: Record<string, string>) => {
      try {
        loadConfig({ ...base, ...env }, '/work');
      } catch (err) {
        return err as { code: string; detail: string };
      }
      throw new Error('expected a configuration error');
    };
    expect(fail({ S3_BUCKET: 'Bad_Bucket' }).detail).toMatch(/^S3_BUCKET: /);
    expect(fail({ S3_PREFIX: '../up/' }).detail).toMatch(/^S3_PREFIX: /);
    expect(fail({ RETENTION_DAYS: '7' }).detail).toMatch(/^RETENTION_DAYS: /);
    const lonely = fail({ S3_BUCKET: 'b-1', S3_SECRET_ACCESS_KEY: 'hunter2-secret' });
    expect(lonely.code).toBe('config.invalid');
    expect(lonely.detail).toContain('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together');
    expect(JSON.stringify(lonely)).not.toContain('hunter2');
  });
});
