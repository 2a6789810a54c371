/**
 * The object store the pipeline stages files in and retention archives to: a local directory by default,
 * any S3-compatible service when configured (DESIGN.md §2). Both implement one contract, checked by one test
 * suite (contract.test.ts) against each.
 *
 * Keys are `/`-separated (`raw/appointments/date=2026-11-20/appointments.parquet`); see keys.ts for the rules.
 * Writes are atomic: a reader sees the old object or the new one, never a partial one.
 */
import type { Readable } from 'node:stream';
import { LocalObjectStore } from './local.ts';
import { S3ObjectStore } from './s3.ts';

export { validateKey, validatePrefix } from './keys.ts';
export { LocalObjectStore } from './local.ts';
export { S3ObjectStore } from './s3.ts';

export type ObjectBody = Uint8Array | Readable;

export interface PutResult {
  key: string;
  /** Size in bytes. */
  bytes: number;
  /** Hex SHA-256 of the stored bytes, computed while writing. */
  sha256: string;
}

export interface ObjectInfo {
  key: string;
  bytes: number;
}

export interface ObjectStore {
  readonly kind: 'local' | 's3';
  /** Where objects live, for logs and reports: `file:///…/objects` or `s3://bucket/prefix`. No secrets. */
  readonly location: string;
  /** Stores `body` under `key`, replacing any object there. Atomic. */
  put(key: string, body: ObjectBody): Promise<PutResult>;
  /** Uploads (local: copies) a file from the local disk, e.g. a Parquet file DuckDB just wrote. */
  putFile(key: string, path: string): Promise<PutResult>;
  /** The object's bytes; throws AppError `store.not_found` (404) when absent. */
  get(key: string): Promise<Uint8Array>;
  /** A stream of the object's bytes; throws `store.not_found` when absent. */
  getStream(key: string): Promise<Readable>;
  /** Size of the object, or undefined when absent. */
  stat(key: string): Promise<ObjectInfo | undefined>;
  exists(key: string): Promise<boolean>;
  /** Every key starting with `prefix` (`''` = all), sorted. `raw/appointments/` lists that folder, recursively. */
  list(prefix: string): Promise<string[]>;
  /** Removes the object; removing an absent key is not an error. */
  delete(key: string): Promise<void>;
  /**
   * A path on the local disk holding the object's bytes, for readers that need a file (DuckDB's
   * `read_parquet`). Local store: the object's own file (do not modify it). S3: a copy downloaded into the
   * cache directory (re-used while the object's ETag is unchanged). Throws `store.not_found` when absent.
   */
  localPath(key: string): Promise<string>;
  /** Releases connections (S3); the local store has nothing to release. */
  close(): void;
}

export type ObjectStoreConfig =
  | { kind: 'local'; /** Absolute directory holding the objects. */ root: string }
  | {
      kind: 's3';
      bucket: string;
      region: string;
      /** e.g. `http://127.0.0.1:9000` for MinIO/s3rver; undefined = AWS. */
      endpoint: string | undefined;
      forcePathStyle: boolean;
      /** Undefined = the SDK's default chain (environment, profile, instance role). */
      credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
      /** Prepended to every key, e.g. `healthsync/`. Empty for none. */
      prefix: string;
      /** Where `localPath` downloads objects to. */
      cacheDir: string;
    };

export function createObjectStore(config: ObjectStoreConfig): ObjectStore {
  return config.kind === 'local' ? new LocalObjectStore(config.root) : new S3ObjectStore(config);
}
