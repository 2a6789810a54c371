/**
 * A thin layer over `@duckdb/node-api`: open the warehouse file (or an in-memory instance), run statements,
 * read rows as plain JSON values. The warehouse file is single-writer (DESIGN.md §3): only the process that
 * runs the pipeline opens it; API processes query published Parquet snapshots with in-memory instances.
 */
import { DuckDBInstance, DuckDBTypeId, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Row = Record<string, string | number | boolean | null>;

export interface Duck {
  readonly instance: DuckDBInstance;
  readonly connection: DuckDBConnection;
  close(): void;
}

/** Opens `path` (a file, created with its directory when missing) or `:memory:`. Built-in extensions only. */
export async function openDuck(path: string, options: { threads?: number } = {}): Promise<Duck> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const instance = await DuckDBInstance.create(path, {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'true',
    // Row order is never relied on (readers ORDER BY); without it DuckDB builds tables in parallel.
    preserve_insertion_order: 'false',
    ...(options.threads ? { threads: String(options.threads) } : {}),
  });
  const connection = await instance.connect();
  return {
    instance,
    connection,
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/**
 * Rows as JSON-safe values: BIGINT counts become numbers when they fit, DECIMAL and dates become strings
 * ("152.50", "2025-01-31"), so money is never rounded through a float.
 */
export async function rows(
  connection: DuckDBConnection,
  statement: string,
  values?: DuckDBValue[],
): Promise<Row[]> {
  return (await table(connection, statement, values)).rows;
}

/** The column names and rows of a query. */
export async function table(
  connection: DuckDBConnection,
  statement: string,
  values?: DuckDBValue[],
): Promise<{ columns: string[]; rows: Row[] }> {
  const reader = await connection.runAndReadAll(statement, values);
  const names = reader.columnNames();
  const integer = names.map((_, i) => WIDE_INTEGERS.has(reader.columnTypeId(i)));
  const out = reader.getRowsJson().map((row) => {
    const item: Row = {};
    names.forEach((name, i) => (item[name] = plain(row[i], integer[i]!)));
    return item;
  });
  return { columns: names, rows: out };
}

const WIDE_INTEGERS = new Set([DuckDBTypeId.BIGINT, DuckDBTypeId.UBIGINT, DuckDBTypeId.HUGEINT]);

function plain(value: unknown, integer: boolean): string | number | boolean | null {
  if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean')
    return value ?? null;
  if (integer && typeof value === 'string' && Number.isSafeInteger(Number(value))) return Number(value);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** One number from a `SELECT count(*)`-like statement. */
export async function scalar(
  connection: DuckDBConnection,
  statement: string,
  values?: DuckDBValue[],
): Promise<number> {
  const reader = await connection.runAndReadAll(statement, values);
  return Number(reader.getRowsJS()[0]?.[0] ?? 0);
}

/** A SQL string literal, for the few places DuckDB takes no parameter (COPY targets, read_parquet in DDL). */
export const literal = (value: string): string => `'${value.replaceAll("'", "''")}'`;

/** A quoted identifier; names come from the code's own catalogues, never from input. */
export const ident = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** Runs `fn` in a transaction: committed when it returns, rolled back when it throws. */
export async function transaction<T>(connection: DuckDBConnection, fn: () => Promise<T>): Promise<T> {
  await connection.run('BEGIN TRANSACTION');
  try {
    const result = await fn();
    await connection.run('COMMIT');
    return result;
  } catch (err) {
    await connection.run('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
