/**
 * Published marts mirrored to the object store and restored from it, on the local store and on a real
 * S3-compatible server (s3rver): the same rows come back, damage is refused, a missing date is not found.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3, type TestS3 } from '../../../test/helpers/s3.ts';
import { createObjectStore, type ObjectStore } from '../store/index.ts';
import { ident, openDuck, scalar, type Duck } from './duck.ts';
import { MARTS } from './marts.ts';
import {
  loadSnapshotIntoWarehouse,
  martKey,
  martManifestKey,
  mirrorSnapshot,
  restoreSnapshot,
} from './mirror.ts';
import { publishSnapshots, readMart, readPointer } from './snapshots.ts';

let tmp: string;
let s3: TestS3;
let duck: Duck;
const rows: Record<string, number> = {};

/** Marts with the published names and their order columns, `i + 3` rows each (distinct per mart). */
async function buildMarts(connection: Duck['connection']): Promise<void> {
  await connection.run('CREATE SCHEMA marts');
  for (const [i, mart] of MARTS.entries()) {
    const columns = mart.orderBy.map((c) =>
      c === mart.dateColumn
        ? `DATE '2026-01-01' + CAST(range AS INTEGER) AS ${ident(c)}`
        : `range AS ${ident(c)}`,
    );
    await connection.run(
      `CREATE TABLE marts.${ident(mart.name)} AS SELECT ${columns.join(', ')}, CAST(range * 1.5 AS DECIMAL(12,2)) AS value FROM range(${String(i + 3)})`,
    );
    rows[mart.name] = i + 3;
  }
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'hs-mirror-'));
  s3 = await startS3();
  duck = await openDuck(':memory:');
  await buildMarts(duck.connection);
});

afterAll(async () => {
  duck.close();
  await s3.close();
  await rm(tmp, { recursive: true, force: true });
});

const backends: [string, () => ObjectStore][] = [
  ['local', () => createObjectStore({ kind: 'local', root: join(tmp, 'objects') })],
  ['s3', () => createObjectStore(s3.config('mirror/'))],
];

describe.each(backends)('mart snapshots in the object store: %s', (name, make) => {
  let store: ObjectStore;
  const published = () => join(tmp, name, 'published');
  const restored = () => join(tmp, name, 'restored');
  beforeAll(() => {
    store = make();
  });
  afterAll(() => {
    store.close();
  });

  it('mirrors every mart with a manifest of rows and checksums', async () => {
    const pointer = await publishSnapshots(duck.connection, published(), 'run-1', '2026-02-02');
    const manifest = await mirrorSnapshot(store, published(), pointer, rows);
    expect(Object.keys(manifest.marts)).toEqual(MARTS.map((m) => m.name));
    for (const mart of MARTS) {
      const entry = manifest.marts[mart.name]!;
      expect(entry.key).toBe(`marts/${mart.name}/date=2026-02-02/${mart.name}.parquet`);
      expect(entry.rows).toBe(rows[mart.name]);
      expect((await store.get(entry.key)).length).toBe(entry.bytes);
      expect(entry.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(await store.exists(martManifestKey('2026-02-02'))).toBe(true);
  });

  it('restores a date into an empty snapshot folder and a fresh warehouse', async () => {
    const pointer = await restoreSnapshot(store, '2026-02-02', restored());
    expect(pointer).toMatchObject({ runId: 'run-1', date: '2026-02-02' });
    expect(readPointer(restored())?.date).toBe('2026-02-02');
    for (const mart of MARTS) {
      const a = await readMart(published(), mart.name);
      const b = await readMart(restored(), mart.name);
      expect(b.rows, mart.name).toEqual(a.rows);
      expect(b.rows).toHaveLength(rows[mart.name]!);
    }
    const fresh = await openDuck(':memory:');
    try {
      await loadSnapshotIntoWarehouse(fresh.connection, restored(), '2026-02-02');
      for (const mart of MARTS)
        expect(await scalar(fresh.connection, `SELECT count(*) FROM marts.${ident(mart.name)}`)).toBe(
          rows[mart.name],
        );
    } finally {
      fresh.close();
    }
  });

  it('refuses a damaged mirror and keeps what was restored before', async () => {
    const before = await readMart(restored(), 'monthly_aggregates');
    await store.put(martKey('monthly_aggregates', '2026-02-02'), new TextEncoder().encode('not parquet'));
    await expect(restoreSnapshot(store, '2026-02-02', restored())).rejects.toMatchObject({
      code: 'pipeline.mirror_damaged',
    });
    expect((await readMart(restored(), 'monthly_aggregates')).rows).toEqual(before.rows);
  });

  it('a date never mirrored is not found', async () => {
    await expect(restoreSnapshot(store, '2020-01-01', restored())).rejects.toMatchObject({
      code: 'store.not_found',
    });
  });
});
