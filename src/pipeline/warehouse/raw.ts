/**
 * The raw layer: one table per Health Synth entity with the catalogue's columns and types (money
 * DECIMAL(12,2), times TIMESTAMPTZ) plus `load_date`, the partition a run loads. Loading a date replaces that
 * date's partition in one transaction, so a re-run never duplicates rows and a crash leaves the old rows.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { COLUMN_TYPES, FILE_NAMES, fileSpec, type FileName } from '../generate/columns.ts';
import { ident, literal, scalar, transaction, type Duck } from './duck.ts';

export const ENTITIES = FILE_NAMES;
export type Entity = FileName;

function tableDefinition(entity: Entity): string {
  const columns = fileSpec(entity).columns.map((c) => `${ident(c.name)} ${COLUMN_TYPES[c.type].sql}`);
  return `CREATE TABLE IF NOT EXISTS raw.${ident(entity)} (${[...columns, 'load_date DATE NOT NULL'].join(', ')})`;
}

/** Creates the schemas and raw tables when missing (idempotent). */
export async function ensureSchema(connection: DuckDBConnection): Promise<void> {
  for (const schema of ['raw', 'staging', 'marts', 'meta']) {
    await connection.run(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  }
  for (const entity of ENTITIES) await connection.run(tableDefinition(entity));
  await connection.run('CREATE TABLE IF NOT EXISTS meta.current (load_date DATE NOT NULL)');
  await connection.run(
    'CREATE TABLE IF NOT EXISTS meta.published (run_id VARCHAR NOT NULL, load_date DATE NOT NULL, published_at TIMESTAMPTZ NOT NULL)',
  );
}

/** Replaces the partition `date` of `entity` with the rows of a Parquet file; returns the rows loaded. */
export async function loadPartition(
  connection: DuckDBConnection,
  entity: Entity,
  date: string,
  parquetPath: string,
  midway?: () => Promise<void>,
): Promise<number> {
  const names = fileSpec(entity).columns.map((c) => ident(c.name));
  const table = `raw.${ident(entity)}`;
  return transaction(connection, async () => {
    await connection.run(`DELETE FROM ${table} WHERE load_date = CAST($1 AS DATE)`, [date]);
    await midway?.();
    // read_parquet's path must be a literal in this position; it is a path this process wrote.
    const select = `SELECT ${names.join(', ')}, CAST($1 AS DATE) FROM read_parquet(${literal(parquetPath)}, hive_partitioning = false)`;
    await connection.run(`INSERT INTO ${table} (${names.join(', ')}, load_date) ${select}`, [date]);
    return scalar(connection, `SELECT count(*) FROM ${table} WHERE load_date = CAST($1 AS DATE)`, [date]);
  });
}

/** Loads the five entities side by side, one connection each (DuckDB runs their transactions in parallel). */
export async function loadAll(
  duck: Duck,
  date: string,
  files: Readonly<Record<Entity, string>>,
  /** Called inside the appointments transaction, between the delete and the insert (the crash test halts there). */
  midway?: () => Promise<void>,
): Promise<Record<Entity, number>> {
  const counts = await Promise.all(
    ENTITIES.map(async (entity) => {
      const connection = await duck.instance.connect();
      try {
        return [
          entity,
          await loadPartition(
            connection,
            entity,
            date,
            files[entity],
            entity === 'appointments' ? midway : undefined,
          ),
        ] as const;
      } finally {
        connection.closeSync();
      }
    }),
  );
  return Object.fromEntries(counts) as Record<Entity, number>;
}

/** Points the staging models at partition `date`. */
export async function setCurrent(connection: DuckDBConnection, date: string): Promise<void> {
  await transaction(connection, async () => {
    await connection.run('DELETE FROM meta.current');
    await connection.run('INSERT INTO meta.current VALUES (CAST($1 AS DATE))', [date]);
  });
}
