import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../core/errors.ts';
import { loadConfig } from './config.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'healthsync-config-'));

function configError(env: NodeJS.ProcessEnv): AppError {
  try {
    loadConfig(env, tmp());
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected loadConfig to fail');
}

describe('config', () => {
  it('has working defaults for embedded mode', () => {
    const cwd = tmp();
    const config = loadConfig({}, cwd);
    expect(config).toMatchObject({
      mode: 'embedded',
      port: 3000,
      dataDir: join(cwd, '.healthsync'),
      publicUrl: 'http://localhost:3000',
      logLevel: 'info',
      demoData: true,
    });
  });

  it('switches to server mode when DATABASE_URL is set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/hs', PORT: '8080' }, tmp());
    expect(config.mode).toBe('server');
    expect(config.port).toBe(8080);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ PUBLIC_URL: 'not a url' }, 'PUBLIC_URL'],
    [{ SESSION_SECRET: 'short' }, 'SESSION_SECRET'],
    [{ DEMO_DATA: 'maybe' }, 'DEMO_DATA'],
    [{ METRICS_ALLOW: '10.0.0.0/99' }, 'METRICS_ALLOW'],
  ])('rejects %o naming the variable', (env, name) => {
    const err = configError(env);
    expect(err.code).toBe('config.invalid');
    expect(err.detail).toContain(name);
    expect(err.errors?.map((e) => e.path)).toEqual([name]);
  });

  it('names every bad variable at once and never echoes a secret', () => {
    const err = configError({ PORT: '-1', SESSION_SECRET: 'hunter2', LOG_LEVEL: 'x' });
    expect(err.errors?.map((e) => e.path).sort()).toEqual(['LOG_LEVEL', 'PORT', 'SESSION_SECRET']);
    expect(err.detail).not.toContain('hunter2');
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }, tmp()).mode).toBe('embedded');
  });

  it('generates the session secret once and keeps it private in the data dir', () => {
    const cwd = tmp();
    const first = loadConfig({}, cwd).sessionSecret;
    const second = loadConfig({}, cwd).sessionSecret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(second).toBe(first);
    const file = join(cwd, '.healthsync', 'session-secret');
    expect(readFileSync(file, 'utf8').trim()).toBe(first);
    expect(statSync(file).mode & 0o077).toBe(0);
  });

  it('uses SESSION_SECRET when given', () => {
    const secret = 'x'.repeat(40);
    expect(loadConfig({ SESSION_SECRET: secret }, tmp()).sessionSecret).toBe(secret);
  });
});
