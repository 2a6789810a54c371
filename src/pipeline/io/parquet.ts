/**
 * CSV → Parquet through DuckDB (the warehouse engine, DESIGN.md §2): `read_csv` with every column's type
 * given from the catalogue (no sniffing; money as DECIMAL(12,2), times as TIMESTAMPTZ), written with zstd.
 * Runs in an in-memory DuckDB, so no warehouse file is opened.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { rename, rm, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { COLUMN_TYPES, fileSpec, type FileName } from '../generate/columns.ts';
import type { WrittenFile } from './csv-files.ts';

/** A SQL string literal. DuckDB's COPY target cannot be a bound parameter, so paths are quoted here. */
export const sqlString = (value: string): string => `'${value.replaceAll("'", "''")}'`;

/** `{'ClinicID': 'BIGINT', …}` for read_csv's `columns`; names and types come from the catalogue. */
export function columnTypes(name: FileName): string {
  const entries = fileSpec(name).columns.map(
    (c) => `${sqlString(c.name)}: ${sqlString(COLUMN_TYPES[c.type].sql)}`,
  );
  return `{${entries.join(', ')}}`;
}

export function copyStatement(name: FileName, csvPath: string, parquetPath: string): string {
  const read = `read_csv(${sqlString(csvPath)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = ${columnTypes(name)})`;
  return `COPY (SELECT * FROM ${read}) TO ${sqlString(parquetPath)} (FORMAT parquet, COMPRESSION zstd)`;
}

/**
 * Converts each CSV into `dir/<name>.parquet`: all five under temporary names first, then renamed into
 * place, so a failure leaves no Parquet file behind. Files convert side by side, one DuckDB per file.
 */
export async function convertToParquet(
  csvFiles: readonly WrittenFile[],
  dir: string,
): Promise<WrittenFile[]> {
  const temporary = (name: FileName): string => join(dir, `.${name}.parquet.partial-${process.pid}`);
  const queue = [...csvFiles].sort((a, b) => b.bytes - a.bytes);
  const worker = async (): Promise<void> => {
    for (let file = queue.shift(); file; file = queue.shift()) await convertOne(file, temporary(file.name));
  };
  try {
    await Promise.all(Array.from({ length: Math.min(availableParallelism(), 4) }, worker));
  } catch (err) {
    queue.length = 0;
    await Promise.allSettled(csvFiles.map((file) => rm(temporary(file.name), { force: true })));
    throw err;
  }
  const written: WrittenFile[] = [];
  for (const file of csvFiles) {
    const target = join(dir, `${file.name}.parquet`);
    await rename(temporary(file.name), target);
    written.push({ name: file.name, path: target, rows: file.rows, bytes: (await stat(target)).size });
  }
  return written;
}

async function convertOne(file: WrittenFile, target: string): Promise<void> {
  // One thread per DuckDB: with several, row-group boundaries follow the CSV reader's thread timing and the
  // same data gives different Parquet bytes from run to run. Parallelism comes from converting files side by side.
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  try {
    await connection.run(copyStatement(file.name, file.path, target));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
