/**
 * Imports' queries. Bulk rows go in as one JSON array parameter per statement
 * (`insert … select … from json_populate_recordset(null::table, $1)`): a multi-row parameterized insert
 * whose SQL and parameter count do not grow with the batch, on PGlite and PostgreSQL alike.
 */
import { sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { queryRows, type Db, type Tx } from '../../db/client.ts';
import { importRuns, type ImportEntity } from '../../db/schema/index.ts';

/** Rows per statement: large enough that statement overhead vanishes, small enough for steady progress. */
export const BATCH_ROWS = 5000;

export type DbRow = Record<string, string | number | boolean | null>;

/** Inserts rows given by their database column names; columns left out take their defaults. */
export async function insertRows(
  tx: Tx,
  table: PgTable,
  columns: readonly string[],
  rows: readonly DbRow[],
  onBatch?: (n: number) => void,
  batchRows = BATCH_ROWS,
): Promise<void> {
  const names = sql.join(
    columns.map((c) => sql.identifier(c)),
    sql`, `,
  );
  for (let i = 0; i < rows.length; i += batchRows) {
    const batch = rows.slice(i, i + batchRows);
    await tx.execute(
      sql`insert into ${table} (${names})
          select ${names} from json_populate_recordset(null::${table}, ${JSON.stringify(batch)}::json)`,
    );
    onBatch?.(batch.length);
  }
}

export interface Mappings {
  entity: ImportEntity;
  sourceIds: string[];
  targetIds: string[];
  matchedBy: (string | null)[];
}

/** Source-id mappings as arrays (`unnest`): narrower than JSON rows, about a third faster on PGlite. */
export async function insertMappings(
  tx: Tx,
  source: string,
  runId: string,
  m: Mappings,
  onBatch?: (n: number) => void,
  batchRows = BATCH_ROWS,
): Promise<void> {
  for (let i = 0; i < m.sourceIds.length; i += batchRows) {
    const part = <T>(list: T[]) => sql.param(list.slice(i, i + batchRows));
    await tx.execute(
      sql`insert into import_source_ids (source, entity, source_id, target_id, matched_by, run_id)
          select ${source}, ${m.entity}, s, t, b, ${runId}::uuid
          from unnest(${part(m.sourceIds)}::text[], ${part(m.targetIds)}::uuid[], ${part(m.matchedBy)}::text[]) as u(s, t, b)`,
    );
    onBatch?.(Math.min(batchRows, m.sourceIds.length - i));
  }
}

/** Whether anything was imported from this source before (a first import need not look ids up). */
export async function sourceSeen(db: Db | Tx, source: string): Promise<boolean> {
  const rows = await queryRows<{ seen: boolean }>(
    db,
    sql`select exists (select 1 from import_source_ids where source = ${source}) as seen`,
  );
  return rows[0]?.seen === true;
}

/** Earlier mappings of these source ids: source id → HealthSync id. */
export async function loadMappings(
  db: Db | Tx,
  source: string,
  entity: ImportEntity,
  sourceIds: readonly string[],
): Promise<Map<string, string>> {
  if (sourceIds.length === 0) return new Map();
  const rows = await queryRows<{ source_id: string; target_id: string }>(
    db,
    sql`select source_id, target_id from import_source_ids
        where source = ${source} and entity = ${entity} and source_id = any(${sql.param([...sourceIds])}::text[])`,
  );
  return new Map(rows.map((r) => [r.source_id, r.target_id]));
}

export interface PatientCandidate {
  id: string;
  code: string;
  name: string;
  birth_date: string;
  gender: string;
}

/** Patients born on any of these days who are not erased: the candidates for matching. */
export async function patientsBornOn(db: Db | Tx, dates: readonly string[]): Promise<PatientCandidate[]> {
  if (dates.length === 0) return [];
  return queryRows<PatientCandidate>(
    db,
    sql`select id, code, name, to_char(birth_date, 'YYYY-MM-DD') as birth_date, gender from patients
        where erased_at is null and birth_date = any(${sql.param([...dates])}::date[])`,
  );
}

/** Patient and doctor of existing encounters (entries added to an encounter imported before). */
export async function encounterOwners(
  db: Db | Tx,
  ids: readonly string[],
): Promise<Map<string, { patientId: string; doctorId: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: string; patient_id: string; doctor_id: string }>(
    db,
    sql`select id, patient_id, doctor_id from encounters where id = any(${sql.param([...ids])}::uuid[])`,
  );
  return new Map(rows.map((r) => [r.id, { patientId: r.patient_id, doctorId: r.doctor_id }]));
}

export async function codesOf(tx: Tx, table: PgTable, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: string; code: string }>(
    tx,
    sql`select id, code from ${table} where id = any(${sql.param([...ids])}::uuid[])`,
  );
  return new Map(rows.map((r) => [r.id, r.code]));
}

export async function insertRun(tx: Tx, run: typeof importRuns.$inferInsert): Promise<void> {
  await tx.insert(importRuns).values(run);
}
