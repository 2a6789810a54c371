/**
 * Retention: archive old rows to Parquet in the object store, read the archive back and check it (row
 * counts and checksums per table, and the manifest), and only then delete the rows, in one transaction that
 * first re-reads and locks them and refuses if any changed since they were archived. Anything that fails
 * before the commit deletes nothing (and removes the objects this attempt wrote). The checks themselves are
 * in verify.ts.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../core/errors.ts';
import type { RetentionSettings } from '../../server/config.ts';
import { queryRows, type Db } from '../../server/db/client.ts';
import type { ObjectStore } from '../store/index.ts';
import type { DuckDBConnection } from '@duckdb/node-api';
import { digest, withDuckDb, type RecordDigest } from './archive-file.ts';
import { GROUPS, idArray, selectRecords, type GroupName, type GroupSpec } from './datasets.ts';
import { ARCHIVE_ROOT, MANIFEST_FORMAT, type Manifest } from './manifest.ts';
import { archiveTable, deleteArchived, writeManifest } from './verify.ts';

const DAY_MS = 86_400_000;

export interface RetentionDeps {
  db: Db;
  store: ObjectStore;
  retention: RetentionSettings;
  /** Where Parquet files are written before upload; default the OS temporary folder. */
  tmpDir?: string;
  now?: () => Date;
}

export interface RetainOptions {
  /** One cutoff for every group; default: now minus each group's retention period. */
  before?: Date;
  /** Count what would go; write and delete nothing. */
  dryRun?: boolean;
  /** Root rows per archive (default 50 000); more go into further archives in the same run. */
  batchSize?: number;
  /** Default: every group. */
  groups?: readonly GroupName[];
}

export interface TableCount {
  table: string;
  rows: number;
}

export interface GroupReport {
  group: GroupName;
  cutoff: string;
  status: 'archived' | 'nothing_to_do' | 'dry_run' | 'failed';
  /** Manifest keys of the archives written (pass one to `restore`). */
  archives: string[];
  /** Rows archived and deleted (dry run: that would be). */
  tables: TableCount[];
  /** Why the group failed: an error code and a message without row contents. */
  error?: { code: string; message: string };
}

export interface RetentionReport {
  dryRun: boolean;
  /** False when any group failed; the rows of a failed group are all still in the database. */
  ok: boolean;
  groups: GroupReport[];
}

export async function retain(deps: RetentionDeps, options: RetainOptions = {}): Promise<RetentionReport> {
  const now = deps.now?.() ?? new Date();
  const wanted = options.groups ?? GROUPS.map((g) => g.name);
  const reports: GroupReport[] = [];
  for (const group of GROUPS.filter((g) => wanted.includes(g.name))) {
    const cutoff = options.before ?? new Date(now.getTime() - deps.retention[group.period] * DAY_MS);
    reports.push(await retainGroup(deps, group, cutoff, options));
  }
  return {
    dryRun: options.dryRun === true,
    ok: reports.every((r) => r.status !== 'failed'),
    groups: reports,
  };
}

async function retainGroup(
  deps: RetentionDeps,
  group: GroupSpec,
  cutoff: Date,
  options: RetainOptions,
): Promise<GroupReport> {
  const batchSize = options.batchSize ?? 50_000;
  const report: GroupReport = {
    group: group.name,
    cutoff: cutoff.toISOString(),
    status: 'nothing_to_do',
    archives: [],
    tables: group.tables.map((t) => ({ table: t.name, rows: 0 })),
  };
  try {
    for (;;) {
      const ids = (await queryRows<{ id: string }>(deps.db, group.candidates(cutoff, batchSize))).map(
        (r) => r.id,
      );
      if (ids.length === 0) break;
      if (options.dryRun) {
        // Nothing is deleted, so a next batch would be the same rows: count this one and stop.
        addCounts(report, await countRows(deps.db, group, ids));
        report.status = 'dry_run';
        break;
      }
      const batch = await archiveBatch(deps, group, ids, cutoff);
      addCounts(report, batch.counts);
      report.status = 'archived';
      report.archives.push(batch.manifestKey);
      if (ids.length < batchSize) break;
    }
  } catch (err) {
    report.status = 'failed';
    report.error = describe(err);
  }
  return report;
}

function addCounts(report: GroupReport, counts: readonly number[]): void {
  counts.forEach((n, i) => (report.tables[i]!.rows += n));
}

async function countRows(db: Db, group: GroupSpec, ids: string[]): Promise<number[]> {
  const counts: number[] = [];
  for (const spec of group.tables)
    counts.push((await queryRows(db, selectRecords(spec, idArray(ids)))).length);
  return counts;
}

function describe(err: unknown): { code: string; message: string } {
  if (err instanceof AppError) return { code: err.code, message: err.detail ?? err.title };
  const cause = (err as { cause?: { code?: unknown } }).cause;
  const sqlState = typeof cause?.code === 'string' ? ` (SQLSTATE ${cause.code})` : '';
  return {
    code: 'retention.error',
    message: `${(err as Error).message.split('\n')[0] ?? 'error'}${sqlState}`,
  };
}

/** Archive one batch, verify it, delete the rows. Returns the counts and the manifest key. */
async function archiveBatch(
  deps: RetentionDeps,
  group: GroupSpec,
  ids: string[],
  cutoff: Date,
): Promise<{ counts: number[]; manifestKey: string }> {
  const now = deps.now?.() ?? new Date();
  const stamp = `${now.toISOString().replace(/[:.]/g, '').replace(/-/g, '')}-${randomBytes(4).toString('hex')}`;
  const target: ArchiveTarget = {
    prefix: `${ARCHIVE_ROOT}/${group.name}/${stamp}`,
    work: await mkdtemp(join(deps.tmpDir ?? tmpdir(), 'hs-retention-')),
    written: [],
  };
  try {
    const manifest: Manifest = {
      format: MANIFEST_FORMAT,
      group: group.name,
      createdAt: now.toISOString(),
      cutoff: cutoff.toISOString(),
      tables: [],
    };
    const digests = await withDuckDb((duck) => writeTables(deps, group, ids, target, manifest, duck));
    const manifestKey = `${target.prefix}/manifest.json`;
    target.written.push(manifestKey);
    await writeManifest(deps.store, manifestKey, manifest);
    await deleteArchived(deps.db, group, ids, digests);
    return { counts: manifest.tables.map((t) => t.rows), manifestKey };
  } catch (err) {
    // Nothing was deleted: take the unusable archive away (best effort; a leftover has no manifest or is
    // a complete, verified copy of rows that are still live).
    await Promise.allSettled(target.written.map((key) => deps.store.delete(key)));
    throw err;
  } finally {
    await rm(target.work, { recursive: true, force: true });
  }
}

interface ArchiveTarget {
  prefix: string;
  /** Local folder for the Parquet files before upload. */
  work: string;
  /** Keys written so far (removed again if the batch fails). */
  written: string[];
}

/** Archives each table of the batch into `manifest.tables`; returns the records' digests, table by table. */
async function writeTables(
  deps: RetentionDeps,
  group: GroupSpec,
  ids: string[],
  target: ArchiveTarget,
  manifest: Manifest,
  duck: DuckDBConnection,
): Promise<RecordDigest[]> {
  const digests: RecordDigest[] = [];
  for (const spec of group.tables) {
    const rows = await queryRows<{ record: string }>(deps.db, selectRecords(spec, idArray(ids)));
    const records = rows.map((r) => r.record);
    const key = `${target.prefix}/${spec.name}.parquet`;
    target.written.push(key);
    const path = join(target.work, `${spec.name}.parquet`);
    manifest.tables.push({ table: spec.name, ...(await archiveTable(deps.store, key, records, path, duck)) });
    digests.push(digest(records));
  }
  return digests;
}
