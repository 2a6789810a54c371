/** Privacy erasure helpers shared by the modules that keep free text about a patient. */
import { and, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from './client.ts';

export const ERASED_MARK = '[erased]';

/**
 * Replaces every case-insensitive match of `pattern` (a PostgreSQL regular expression) with `[erased]` in
 * the given text columns of the rows `owner` selects; rows without a match are not touched.
 */
export async function scrubColumns(
  tx: Tx,
  table: PgTable,
  owner: SQL,
  columns: PgColumn[],
  pattern: string,
): Promise<void> {
  const assignments = columns.map(
    (c) => sql`${sql.identifier(c.name)} = regexp_replace(${c}, ${pattern}, ${ERASED_MARK}, 'gi')`,
  );
  const matches = or(...columns.map((c) => sql`${c} ~* ${pattern}`));
  await tx.execute(sql`update ${table} set ${sql.join(assignments, sql`, `)} where ${and(owner, matches)}`);
}

/** The same for a jsonb column: its JSON text is scrubbed (the pattern must match JSON-escaped text). */
export async function scrubJson(tx: Tx, table: PgTable, owner: SQL, column: PgColumn, pattern: string) {
  const replaced = sql`regexp_replace(${column}::text, ${pattern}, ${ERASED_MARK}, 'gi')::jsonb`;
  await tx.execute(
    sql`update ${table} set ${sql.identifier(column.name)} = ${replaced} where ${and(owner, sql`${column}::text ~* ${pattern}`)}`,
  );
}
