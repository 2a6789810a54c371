/**
 * The published mart snapshots mirrored to the object store, so they outlive the disk of the process that
 * ran the pipeline: `marts/<name>/date=<D>/<name>.parquet` per mart, then `marts/_manifests/date=<D>/
 * manifest.json` (rows and SHA-256 of each, written last: only a complete manifest names a usable set).
 * `restoreSnapshot` brings a date back from the store into a snapshot folder (checksums and row counts
 * verified first), and can load the marts into a warehouse connection: raw partitions are in the store too
 * (`raw/`), so the warehouse can be rebuilt from the store alone.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { createHash } from 'node:crypto';
import { createReadStream, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../core/errors.ts';
import type { ObjectStore } from '../store/index.ts';
import { ident, literal, openDuck, scalar } from './duck.ts';
import { MARTS } from './marts.ts';
import { installSnapshot, type Pointer } from './snapshots.ts';

export const martKey = (name: string, date: string): string => `marts/${name}/date=${date}/${name}.parquet`;
export const martManifestKey = (date: string): string => `marts/_manifests/date=${date}/manifest.json`;

export interface MartManifest {
  readonly date: string;
  readonly runId: string;
  readonly publishedAt: string;
  readonly marts: Record<string, { key: string; rows: number; bytes: number; sha256: string }>;
}

/** Uploads the snapshot of `pointer.date` under `dir`; `rows` are the published marts' row counts. */
export async function mirrorSnapshot(
  store: ObjectStore,
  dir: string,
  pointer: Pointer,
  rows: Readonly<Record<string, number>>,
): Promise<MartManifest> {
  const marts: Record<string, MartManifest['marts'][string]> = {};
  for (const mart of MARTS) {
    const file = join(dir, `date=${pointer.date}`, `${mart.name}.parquet`);
    const put = await store.putFile(martKey(mart.name, pointer.date), file);
    marts[mart.name] = { key: put.key, rows: rows[mart.name] ?? 0, bytes: put.bytes, sha256: put.sha256 };
  }
  const manifest: MartManifest = {
    date: pointer.date,
    runId: pointer.runId,
    publishedAt: pointer.publishedAt,
    marts,
  };
  await store.put(martManifestKey(pointer.date), new TextEncoder().encode(JSON.stringify(manifest, null, 2)));
  return manifest;
}

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const damaged = (key: string, what: string) =>
  new AppError(422, 'pipeline.mirror_damaged', 'Mirrored mart is damaged', {
    detail: `${key}: ${what} does not match its manifest.`,
  });

/** Copies each mirrored mart of the manifest into `folder`, verifying checksum and row count. */
async function fetchVerified(store: ObjectStore, manifest: MartManifest, folder: string): Promise<void> {
  const duck = await openDuck(':memory:', { threads: 1 });
  try {
    for (const [name, entry] of Object.entries(manifest.marts)) {
      const local = await store.localPath(entry.key);
      if ((await sha256(local)) !== entry.sha256) throw damaged(entry.key, 'the checksum');
      const target = join(folder, `${name}.parquet`);
      writeFileSync(target, readFileSync(local));
      const count = await scalar(duck.connection, `SELECT count(*) FROM read_parquet(${literal(target)})`);
      if (count !== entry.rows) throw damaged(entry.key, 'the row count');
    }
  } finally {
    duck.close();
  }
}

/**
 * Restores the mirrored snapshot of `date` into the snapshot folder `dir` (a new folder renamed into place)
 * and makes it current when it is the newest there. A date never mirrored is `store.not_found` (404).
 */
export async function restoreSnapshot(store: ObjectStore, date: string, dir: string): Promise<Pointer> {
  const manifest = JSON.parse(
    new TextDecoder().decode(await store.get(martManifestKey(date))),
  ) as MartManifest;
  const fresh = join(dir, `.date=${date}.restore-${String(process.pid)}`);
  rmSync(fresh, { recursive: true, force: true });
  mkdirSync(fresh, { recursive: true });
  try {
    await fetchVerified(store, manifest, fresh);
  } catch (err) {
    rmSync(fresh, { recursive: true, force: true });
    throw err;
  }
  const pointer: Pointer = {
    runId: manifest.runId,
    date,
    publishedAt: manifest.publishedAt,
    marts: Object.keys(manifest.marts),
  };
  // Current only when it is the newest date there: restoring an old date does not turn readers back.
  installSnapshot(dir, fresh, pointer, (current) => !current || current.date <= date);
  return pointer;
}

/** Replaces the warehouse's `marts.*` tables with a restored snapshot folder's files. */
export async function loadSnapshotIntoWarehouse(
  connection: DuckDBConnection,
  dir: string,
  date: string,
): Promise<void> {
  await connection.run('CREATE SCHEMA IF NOT EXISTS marts');
  for (const mart of MARTS) {
    const file = join(dir, `date=${date}`, `${mart.name}.parquet`);
    await connection.run(
      `CREATE OR REPLACE TABLE marts.${ident(mart.name)} AS SELECT * FROM read_parquet(${literal(file)})`,
    );
  }
}
