/**
 * One archived table as a Parquet file with a single `record` column (each row's JSON text), written and
 * read back through an in-memory DuckDB. The checksum is over the records sorted, so it does not depend on
 * the order rows were read in: the same rows give the same checksum in the database and in the file.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { createHash } from 'node:crypto';
import { sqlString } from '../io/parquet.ts';

export interface RecordDigest {
  rows: number;
  /** Hex SHA-256 over the records, sorted, one per line. */
  sha256: string;
}

export function digest(records: readonly string[]): RecordDigest {
  const hash = createHash('sha256');
  for (const record of [...records].sort()) hash.update(record).update('\n');
  return { rows: records.length, sha256: hash.digest('hex') };
}

/** One in-memory DuckDB for a batch of archive files (opening one costs more than a small file). */
export async function withDuckDb<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  try {
    return await work(connection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

export async function writeRecordsParquet(
  records: readonly string[],
  path: string,
  duck?: DuckDBConnection,
): Promise<void> {
  if (!duck) return withDuckDb((connection) => writeRecordsParquet(records, path, connection));
  await withTable(duck, async (table) => {
    await duck.run(`CREATE TABLE ${table} (record VARCHAR NOT NULL)`);
    const appender = await duck.createAppender(table);
    for (const record of records) {
      appender.appendVarchar(record);
      appender.endRow();
    }
    appender.closeSync();
    await duck.run(`COPY ${table} TO ${sqlString(path)} (FORMAT parquet, COMPRESSION zstd)`);
  });
}

let tables = 0;

async function withTable(duck: DuckDBConnection, work: (table: string) => Promise<void>): Promise<void> {
  const table = `archive_${String(++tables)}`;
  try {
    await work(table);
  } finally {
    await duck.run(`DROP TABLE IF EXISTS ${table}`);
  }
}

/** The records in a Parquet archive file; throws when the file is not a readable archive. */
export async function readRecordsParquet(path: string, duck?: DuckDBConnection): Promise<string[]> {
  if (!duck) return withDuckDb((connection) => readRecordsParquet(path, connection));
  const reader = await duck.runAndReadAll(`SELECT record FROM read_parquet(${sqlString(path)})`);
  return reader.getRows().map(([record]) => {
    if (typeof record !== 'string') throw new Error('archive row without a record');
    return record;
  });
}
