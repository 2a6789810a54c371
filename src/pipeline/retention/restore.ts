/**
 * Brings a retention archive back into the live database. Every file is checked against the manifest
 * (row count and checksum) before anything is written; then all tables are restored in one transaction,
 * root table first. Rows already present are left alone, so restoring twice changes nothing the second time.
 */
import { AppError } from '../../core/errors.ts';
import { queryRows, type Db } from '../../server/db/client.ts';
import type { ObjectStore } from '../store/index.ts';
import { digest, readRecordsParquet, withDuckDb } from './archive-file.ts';
import {
  groupSpec,
  idArray,
  insertRecords,
  selectRecords,
  type GroupName,
  type TableSpec,
} from './datasets.ts';
import { manifestKey, readManifest, type Manifest } from './manifest.ts';

const BATCH = 500;

export interface RestoreDeps {
  db: Db;
  store: ObjectStore;
}

export interface RestoreTableReport {
  table: string;
  /** Rows in the archive. */
  archived: number;
  /** Rows this call inserted (0 when they were all back already). */
  inserted: number;
  /** Archived rows now in the database exactly as archived. */
  present: number;
}

export interface RestoreReport {
  archive: string;
  group: GroupName;
  tables: RestoreTableReport[];
  /** True when every archived row is in the database exactly as archived. */
  complete: boolean;
}

const corrupt = (detail: string): AppError =>
  new AppError(422, 'retention.archive_corrupt', 'Archive is corrupt', { detail });

export async function restore(deps: RestoreDeps, archiveKey: string): Promise<RestoreReport> {
  const key = manifestKey(archiveKey);
  const manifest = await readManifest(deps.store, key);
  const group = groupSpec(manifest.group);
  if (!group) throw corrupt(`${key} names an unknown group.`);
  const loaded = await loadTables(deps.store, manifest, group.tables);
  const rootIds = loaded[0]!.records.map(recordId);
  const inserted = await deps.db.transaction(async (tx) => {
    const counts: number[] = [];
    for (const { spec, records } of loaded) {
      let n = 0;
      for (let i = 0; i < records.length; i += BATCH) {
        const json = `[${records.slice(i, i + BATCH).join(',')}]`;
        const [row] = await queryRows<{ n: number }>(tx, insertRecords(spec, json));
        n += row?.n ?? 0;
      }
      counts.push(n);
    }
    return counts;
  });
  const tables: RestoreTableReport[] = [];
  for (const [i, { spec, records }] of loaded.entries()) {
    const live = new Set(
      (await queryRows<{ record: string }>(deps.db, selectRecords(spec, idArray(rootIds)))).map(
        (r) => r.record,
      ),
    );
    const present = records.filter((r) => live.has(r)).length;
    tables.push({ table: spec.name, archived: records.length, inserted: inserted[i]!, present });
  }
  return { archive: key, group: group.name, tables, complete: tables.every((t) => t.present === t.archived) };
}

/** Each table's records, checked against the manifest; in the group's order (root first). */
async function loadTables(
  store: ObjectStore,
  manifest: Manifest,
  specs: readonly TableSpec[],
): Promise<{ spec: TableSpec; records: string[] }[]> {
  if (manifest.tables.length !== specs.length || manifest.tables.some((t, i) => t.table !== specs[i]!.name)) {
    throw corrupt(`The archive's tables do not match the ${manifest.group} group.`);
  }
  const loaded: { spec: TableSpec; records: string[] }[] = [];
  await withDuckDb(async (duck) => {
    for (const [i, entry] of manifest.tables.entries()) {
      let records: string[];
      try {
        records = await readRecordsParquet(await store.localPath(entry.key), duck);
      } catch (err) {
        if (err instanceof AppError) throw err;
        throw corrupt(`${entry.key} is not a readable archive file.`);
      }
      const found = digest(records);
      if (found.rows !== entry.rows || found.sha256 !== entry.recordsSha256) {
        throw corrupt(`${entry.key} holds ${String(found.rows)} rows that do not match its manifest.`);
      }
      loaded.push({ spec: specs[i]!, records });
    }
  });
  return loaded;
}

/** The root row's id (every root table has a uuid `id`). */
function recordId(record: string): string {
  const id = (JSON.parse(record) as { id?: unknown }).id;
  if (typeof id !== 'string') throw corrupt('An archived root row has no id.');
  return id;
}
