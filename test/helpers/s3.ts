/**
 * A real S3-compatible server for tests: s3rver, in-process on a free port, over a temporary directory.
 * Credentials are s3rver's fixed pair; requests are signed and checked like on S3.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import type { ObjectStoreConfig } from '../../src/pipeline/store/index.ts';

export interface TestS3 {
  endpoint: string;
  bucket: string;
  /** An object store config for this server; `cacheDir` inside the server's temporary directory. */
  config(prefix?: string): Extract<ObjectStoreConfig, { kind: 's3' }>;
  close(): Promise<void>;
}

export async function startS3(bucket = 'healthsync-test'): Promise<TestS3> {
  const dir = await mkdtemp(join(tmpdir(), 'hs-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: join(dir, 'data'),
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${String(port)}`;
  return {
    endpoint,
    bucket,
    config: (prefix = '') => ({
      kind: 's3',
      bucket,
      region: 'us-east-1',
      endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      prefix,
      cacheDir: join(dir, 'cache'),
    }),
    close: async () => {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
