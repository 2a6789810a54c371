/** The manifest written beside an archive's Parquet files: what is in it and how to check it. */
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import type { ObjectStore } from '../store/index.ts';
import { GROUP_NAMES } from './datasets.ts';

export const MANIFEST_FORMAT = 'healthsync.retention-archive/1';
export const ARCHIVE_ROOT = 'archive/retention';

const tableEntry = z.object({
  table: z.string().min(1),
  key: z.string().min(1),
  rows: z.number().int().min(0),
  /** SHA-256 over the row records, sorted (see archive-file.ts). */
  recordsSha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** SHA-256 and size of the Parquet file as stored. */
  fileSha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().min(0),
});

export const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  group: z.enum(GROUP_NAMES),
  createdAt: z.iso.datetime(),
  cutoff: z.iso.datetime(),
  /** Root table first, as restore needs them. */
  tables: z.array(tableEntry).min(1),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestTable = z.infer<typeof tableEntry>;

/** `archive/retention/<group>/<stamp>/manifest.json`, or the archive's folder, → the manifest's key. */
export function manifestKey(archiveKey: string): string {
  const key = archiveKey.replace(/\/+$/, '');
  return key.endsWith('/manifest.json') ? key : `${key}/manifest.json`;
}

export async function readManifest(store: ObjectStore, archiveKey: string): Promise<Manifest> {
  const key = manifestKey(archiveKey);
  const bytes = await store.get(key);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const result = manifestSchema.safeParse(parsed);
  if (!result.success) {
    throw new AppError(422, 'retention.archive_corrupt', 'Archive is corrupt', {
      detail: `${key} is not a retention archive manifest.`,
    });
  }
  return result.data;
}
