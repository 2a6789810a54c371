/**
 * Retention's checks: each archived file and the manifest are read back from the object store and must
 * hold exactly what was written; rows are deleted only while they still match their archive, in one
 * transaction that locks them first.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { AppError } from '../../core/errors.ts';
import { queryRows, type Db, type Tx } from '../../server/db/client.ts';
import type { ObjectStore } from '../store/index.ts';
import { digest, readRecordsParquet, writeRecordsParquet, type RecordDigest } from './archive-file.ts';
import { deleteRows, idArray, selectRecords, type GroupSpec } from './datasets.ts';
import { manifestSchema, type Manifest, type ManifestTable } from './manifest.ts';

const verifyFailed = (detail: string): AppError =>
  new AppError(500, 'retention.verify_failed', 'Archive verification failed', { detail });

/** Writes one table's Parquet file, uploads it, downloads it again and checks it holds exactly `records`. */
export async function archiveTable(
  store: ObjectStore,
  key: string,
  records: string[],
  path: string,
  duck: DuckDBConnection,
): Promise<Omit<ManifestTable, 'table'>> {
  const expected = digest(records);
  await writeRecordsParquet(records, path, duck);
  const put = await store.putFile(key, path);
  let readBack: RecordDigest;
  try {
    readBack = digest(await readRecordsParquet(await store.localPath(key), duck));
  } catch (err) {
    throw verifyFailed(`${key} could not be read back: ${(err as Error).message.split('\n')[0] ?? ''}`);
  }
  if (readBack.rows !== expected.rows || readBack.sha256 !== expected.sha256) {
    throw verifyFailed(
      `${key} read back ${String(readBack.rows)} rows (checksum ${readBack.sha256.slice(0, 12)}), expected ${String(expected.rows)} (${expected.sha256.slice(0, 12)}).`,
    );
  }
  return {
    key,
    rows: expected.rows,
    recordsSha256: expected.sha256,
    fileSha256: put.sha256,
    bytes: put.bytes,
  };
}

export async function writeManifest(store: ObjectStore, key: string, manifest: Manifest): Promise<void> {
  const text = JSON.stringify(manifest, null, 2) + '\n';
  await store.put(key, Buffer.from(text));
  const back = Buffer.from(await store.get(key)).toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(back);
  } catch {
    parsed = undefined;
  }
  const result = manifestSchema.safeParse(parsed);
  if (!result.success || JSON.stringify(result.data) !== JSON.stringify(manifest)) {
    throw verifyFailed(`${key} did not read back as written.`);
  }
}

/**
 * One transaction: lock every archived row (root table first), check each table's rows still match the
 * archive exactly, then delete dependents before roots and check the counts.
 */
export async function deleteArchived(
  db: Db,
  group: GroupSpec,
  ids: string[],
  digests: RecordDigest[],
): Promise<void> {
  await db.transaction(async (tx: Tx) => {
    for (const [i, spec] of group.tables.entries()) {
      const now = digest(
        (await queryRows<{ record: string }>(tx, selectRecords(spec, idArray(ids), true))).map(
          (r) => r.record,
        ),
      );
      const archived = digests[i]!;
      if (now.rows !== archived.rows || now.sha256 !== archived.sha256) {
        throw new AppError(409, 'retention.changed', 'Rows changed while archiving', {
          detail: `${spec.name}: rows changed after they were archived; nothing was deleted.`,
        });
      }
    }
    for (const [i, spec] of [...group.tables.entries()].reverse()) {
      const [deleted] = await queryRows<{ n: number }>(tx, deleteRows(spec, idArray(ids)));
      if (deleted?.n !== digests[i]!.rows) {
        throw new AppError(409, 'retention.changed', 'Rows changed while archiving', {
          detail: `${spec.name}: deleted ${String(deleted?.n)} rows, archived ${String(digests[i]!.rows)}; rolled back.`,
        });
      }
    }
  });
}
