/**
 * Published snapshots of the marts (DESIGN.md §3): after a run publishes its marts, each is copied to
 * `<dir>/date=<D>/<mart>.parquet` (a new folder renamed into place), then `<dir>/current.json` is switched
 * atomically (write + rename) to name the newest date. Readers (API processes, `healthsync report`) query
 * those files with an in-memory DuckDB and never open the warehouse file the pipeline writes. The last
 * KEEP dates stay available (`?date=`); a reader still on replaced files keeps its open handles.
 */
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { notFound } from '../../core/errors.ts';
import { ident, literal, openDuck, table, type Row } from './duck.ts';
import { MARTS, martSpec } from './marts.ts';

export interface Pointer {
  readonly runId: string;
  readonly date: string;
  readonly publishedAt: string;
  readonly marts: readonly string[];
}

const POINTER = 'current.json';

/** The snapshot folder under the pipeline's directory (PipelineConfig.dir). */
export const snapshotDirOf = (pipelineDir: string): string => join(pipelineDir, 'marts');
const KEEP = 30;
const folder = (date: string) => `date=${date}`;

export async function publishSnapshots(
  connection: DuckDBConnection,
  dir: string,
  runId: string,
  date: string,
): Promise<Pointer> {
  const fresh = join(dir, `.${folder(date)}.${String(process.pid)}`);
  rmSync(fresh, { recursive: true, force: true });
  mkdirSync(fresh, { recursive: true });
  for (const mart of MARTS) {
    const file = join(fresh, `${mart.name}.parquet`);
    await connection.run(
      `COPY (SELECT * FROM marts.${ident(mart.name)} ORDER BY ALL) TO ${literal(file)} (FORMAT parquet, COMPRESSION zstd)`,
    );
  }
  const pointer: Pointer = {
    runId,
    date,
    publishedAt: new Date().toISOString(),
    marts: MARTS.map((m) => m.name),
  };
  installSnapshot(dir, fresh, pointer, () => true);
  prune(dir);
  return pointer;
}

/**
 * Puts a complete snapshot folder `fresh` in place as its date's (swapping out an earlier one of that date),
 * with its snapshot.json, then switches current.json to it (write + rename) when `makeCurrent` agrees.
 */
export function installSnapshot(
  dir: string,
  fresh: string,
  pointer: Pointer,
  makeCurrent: (current: Pointer | undefined) => boolean,
): void {
  writeFileSync(join(fresh, 'snapshot.json'), JSON.stringify(pointer, null, 2));
  const target = join(dir, folder(pointer.date));
  const old = `${target}.old-${String(process.pid)}`;
  try {
    renameSync(target, old);
  } catch {
    // no earlier snapshot of this date
  }
  renameSync(fresh, target);
  rmSync(old, { recursive: true, force: true });
  if (!makeCurrent(readPointer(dir))) return;
  const temporary = join(dir, `.${POINTER}.${String(process.pid)}`);
  writeFileSync(temporary, JSON.stringify(pointer, null, 2));
  renameSync(temporary, join(dir, POINTER));
}

/** The dates with a published snapshot, newest first. */
export function snapshotDates(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => /^date=\d{4}-\d{2}-\d{2}$/.test(name))
      .map((name) => name.slice(5))
      .sort()
      .reverse();
  } catch {
    return [];
  }
}

function prune(dir: string): void {
  for (const date of snapshotDates(dir).slice(KEEP))
    rmSync(join(dir, folder(date)), { recursive: true, force: true });
}

function readSnapshot(dir: string, date: string): Pointer | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, folder(date), 'snapshot.json'), 'utf8')) as Pointer;
  } catch {
    return undefined;
  }
}

export function readPointer(dir: string): Pointer | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, POINTER), 'utf8')) as Pointer;
  } catch {
    return undefined;
  }
}

export interface MartQuery {
  /** The snapshot of this run date (default: the newest). */
  readonly date?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  /** Rows at most; `truncated` tells when more matched. */
  readonly limit?: number | undefined;
}

export interface MartRows {
  readonly mart: string;
  readonly runId: string;
  readonly date: string;
  readonly columns: string[];
  readonly rows: Row[];
  readonly truncated: boolean;
}

/** Reads one published mart, filtered on its date column when `from`/`to` are given. */
export async function readMart(dir: string, name: string, query: MartQuery = {}): Promise<MartRows> {
  const spec = martSpec(name);
  if (!spec) throw notFound('analytics.unknown_report', `There is no report named ${name}.`);
  const pointer = query.date ? readSnapshot(dir, query.date) : readPointer(dir);
  if (!pointer) {
    const which = query.date ? `for ${query.date}` : 'yet';
    throw notFound('analytics.not_published', `No pipeline run has published reports ${which}.`);
  }
  const file = join(dir, folder(pointer.date), `${name}.parquet`);
  const connection = await (await readerInstance()).connect();
  try {
    const where: string[] = [];
    const values: string[] = [];
    if (spec.dateColumn && query.from) {
      values.push(query.from);
      where.push(`${ident(spec.dateColumn)} >= CAST($${String(values.length)} AS DATE)`);
    }
    if (spec.dateColumn && query.to) {
      values.push(query.to);
      where.push(`${ident(spec.dateColumn)} <= CAST($${String(values.length)} AS DATE)`);
    }
    const filter = where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '';
    const order = spec.orderBy.map(ident).join(', ');
    const limit = query.limit === undefined ? '' : ` LIMIT ${String(Math.floor(query.limit) + 1)}`;
    const statement = `SELECT * FROM read_parquet(${literal(file)}, hive_partitioning = false)${filter} ORDER BY ${order}${limit}`;
    const result = await table(connection, statement, values);
    const truncated = query.limit !== undefined && result.rows.length > query.limit;
    if (truncated) result.rows.pop();
    return {
      mart: name,
      runId: pointer.runId,
      date: pointer.date,
      columns: result.columns,
      rows: result.rows,
      truncated,
    };
  } finally {
    connection.closeSync();
  }
}

let reader: Promise<DuckDBInstance> | undefined;

/** One in-memory DuckDB per process for readers (a new connection per query): no warehouse file opened. */
function readerInstance(): Promise<DuckDBInstance> {
  reader ??= openDuck(':memory:', { threads: 2 }).then((duck) => {
    duck.connection.closeSync();
    return duck.instance;
  });
  return reader;
}
