/**
 * One contract, two backends: every behaviour the pipeline relies on is checked against the local directory
 * and against a real S3-compatible server (s3rver on a free port).
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3, type TestS3 } from '../../../test/helpers/s3.ts';
import { createObjectStore, type ObjectStore } from './index.ts';

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');
const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  await expect(promise).rejects.toMatchObject({ code });
}

let tmp: string;
let s3: TestS3;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'hs-store-'));
  s3 = await startS3();
});

afterAll(async () => {
  await s3.close();
  await rm(tmp, { recursive: true, force: true });
});

const backends: [string, () => ObjectStore][] = [
  ['local', () => createObjectStore({ kind: 'local', root: join(tmp, 'objects') })],
  ['s3', () => createObjectStore(s3.config('tenant-a/'))],
];

describe.each(backends)('object store contract: %s', (_name, make) => {
  let store: ObjectStore;
  beforeAll(() => {
    store = make();
  });
  afterAll(() => {
    store.close();
  });

  it('stores bytes and reads them back, with size and checksum', async () => {
    const body = Buffer.from('ClinicID,Name\n1,Centro\n');
    const put = await store.put('raw/clinics/date=2026-11-20/clinics.csv', body);
    expect(put).toEqual({
      key: 'raw/clinics/date=2026-11-20/clinics.csv',
      bytes: body.length,
      sha256: sha256(body),
    });
    expect(text(await store.get(put.key))).toBe('ClinicID,Name\n1,Centro\n');
    expect(await store.stat(put.key)).toEqual({ key: put.key, bytes: body.length });
    expect(await store.exists(put.key)).toBe(true);
  });

  it('stores a stream of many chunks and streams it back unchanged', async () => {
    const chunks = Array.from({ length: 64 }, (_, i) => Buffer.alloc(16 * 1024, i));
    const whole = Buffer.concat(chunks);
    const put = await store.put('raw/big/blob.bin', Readable.from(chunks));
    expect(put.bytes).toBe(whole.length);
    expect(put.sha256).toBe(sha256(whole));
    expect((await readAll(await store.getStream('raw/big/blob.bin'))).equals(whole)).toBe(true);
  });

  it('replaces an object on a second put', async () => {
    await store.put('reports/summary.txt', Buffer.from('first'));
    await store.put('reports/summary.txt', Buffer.from('second, longer'));
    expect(text(await store.get('reports/summary.txt'))).toBe('second, longer');
  });

  it('keeps the old object when a write fails midway', async () => {
    await store.put('raw/partial/file.txt', Buffer.from('complete'));
    const failing = new Readable({
      read() {
        this.push(Buffer.from('half of the new'));
        this.destroy(new Error('disk unplugged'));
      },
    });
    await expect(store.put('raw/partial/file.txt', failing)).rejects.toThrow('disk unplugged');
    expect(text(await store.get('raw/partial/file.txt'))).toBe('complete');
    expect(await store.list('raw/partial/')).toEqual(['raw/partial/file.txt']);
  });

  it('answers store.not_found for a missing object', async () => {
    await expectCode(store.get('raw/missing.csv'), 'store.not_found');
    await expectCode(store.getStream('raw/missing.csv'), 'store.not_found');
    await expectCode(store.localPath('raw/missing.csv'), 'store.not_found');
    expect(await store.stat('raw/missing.csv')).toBeUndefined();
    expect(await store.exists('raw/missing.csv')).toBe(false);
  });

  it('lists keys under a prefix, recursively and sorted', async () => {
    for (const key of ['list/b/2.txt', 'list/a.txt', 'list/b/1.txt', 'listing/x.txt']) {
      await store.put(key, Buffer.from(key));
    }
    expect(await store.list('list/')).toEqual(['list/a.txt', 'list/b/1.txt', 'list/b/2.txt']);
    expect(await store.list('list/b/')).toEqual(['list/b/1.txt', 'list/b/2.txt']);
    expect(await store.list('listi')).toEqual(['listing/x.txt']);
    expect(await store.list('nothing-here/')).toEqual([]);
    expect(await store.list('')).toEqual(expect.arrayContaining(['list/a.txt', 'listing/x.txt']));
  });

  it('deletes objects, and deleting a missing one is not an error', async () => {
    await store.put('tmp/gone.txt', Buffer.from('x'));
    await store.delete('tmp/gone.txt');
    await store.delete('tmp/gone.txt');
    expect(await store.exists('tmp/gone.txt')).toBe(false);
    expect(await store.list('tmp/')).toEqual([]);
  });

  it('refuses keys that could escape or are ambiguous, and writes nothing', async () => {
    const before = await store.list('');
    for (const key of [
      '../escape.txt',
      'a/../../b',
      '/abs/path',
      'a//b',
      '',
      'a/',
      '.hidden',
      'a/ b',
      'a\\b',
    ]) {
      await expectCode(store.put(key, Buffer.from('x')), 'store.invalid_key');
      await expectCode(store.get(key), 'store.invalid_key');
    }
    await expectCode(store.list('../'), 'store.invalid_key');
    expect(await store.list('')).toEqual(before);
  });

  it('uploads a local file and gives DuckDB a readable path to the object', async () => {
    const parquet = join(tmp, `rows-${_name}.parquet`);
    const duck = await DuckDBInstance.create(':memory:');
    const connection = await duck.connect();
    try {
      await connection.run(`COPY (SELECT range AS n FROM range(1000)) TO '${parquet}' (FORMAT parquet)`);
      const put = await store.putFile('staged/rows.parquet', parquet);
      expect(put.sha256).toBe(sha256(await readFile(parquet)));
      const path = await store.localPath('staged/rows.parquet');
      const reader = await connection.runAndReadAll(
        `SELECT count(*)::INT AS n, sum(n)::INT AS s FROM read_parquet('${path}')`,
      );
      expect(reader.getRowObjects()).toEqual([{ n: 1000, s: 499500 }]);
      // A replaced object is read fresh, not from a stale copy.
      await store.put('staged/rows.parquet', Buffer.from('not parquet any more'));
      expect(await readFile(await store.localPath('staged/rows.parquet'), 'utf8')).toBe(
        'not parquet any more',
      );
    } finally {
      connection.closeSync();
      duck.closeSync();
    }
  });
});

describe('local store specifics', () => {
  it('leaves no temporary files behind and hides writes in progress from list', async () => {
    const root = join(tmp, 'local-only');
    const store = createObjectStore({ kind: 'local', root });
    await store.put('a/b.txt', Buffer.from('x'));
    await writeFile(join(root, 'a', '.tmp-123-abc'), 'in progress');
    expect(await store.list('')).toEqual(['a/b.txt']);
    await rm(join(root, 'a', '.tmp-123-abc'));
    await store.delete('a/b.txt');
    expect(await readdir(root)).toEqual([]);
  });
});

describe('s3 store specifics', () => {
  it('keeps each configured prefix to itself', async () => {
    const a = createObjectStore(s3.config('tenant-x/'));
    const b = createObjectStore(s3.config('tenant-y/'));
    try {
      await a.put('same/key.txt', Buffer.from('from a'));
      await b.put('same/key.txt', Buffer.from('from b'));
      expect(text(await a.get('same/key.txt'))).toBe('from a');
      expect(await b.list('')).toEqual(['same/key.txt']);
      expect(a.location).toBe(`s3://${s3.bucket}/tenant-x/`);
    } finally {
      a.close();
      b.close();
    }
  });
});
