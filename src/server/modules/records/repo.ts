/**
 * Drizzle queries of the clinical record. Entry tables share their bookkeeping columns, so one set of
 * functions serves all six, typed by the table passed in (the casts only widen to the union of tables).
 */
import { and, asc, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { billingLines, doctors, recordRevisions } from '../../db/schema/index.ts';
import { ENTRY_FIELDS, type EntryTable } from './kinds.ts';

type Row<T extends EntryTable> = T['$inferSelect'];
type Insert<T extends EntryTable> = T['$inferInsert'];

export async function findRow<T extends EntryTable>(
  db: Db | Tx,
  table: T,
  id: string,
): Promise<Row<T> | undefined> {
  const t: EntryTable = table;
  const [row] = await db.select().from(t).where(eq(t.id, id)).limit(1);
  return row;
}

/** The row locked for an amendment: concurrent amendments of one entry go one after another. */
export async function lockRow<T extends EntryTable>(
  tx: Tx,
  table: T,
  id: string,
): Promise<Row<T> | undefined> {
  const t: EntryTable = table;
  const [row] = await tx.select().from(t).where(eq(t.id, id)).for('update').limit(1);
  return row;
}

export async function insertRows<T extends EntryTable>(
  tx: Tx,
  table: T,
  rows: Insert<T>[],
): Promise<Row<T>[]> {
  if (rows.length === 0) return [];
  const t: EntryTable = table;
  return tx
    .insert(t)
    .values(rows as Insert<EntryTable>[])
    .returning();
}

export async function updateRow<T extends EntryTable>(
  tx: Tx,
  table: T,
  id: string,
  values: Partial<Insert<T>>,
): Promise<Row<T>> {
  const t: EntryTable = table;
  const [row] = await tx
    .update(t)
    .set(values as Partial<Insert<EntryTable>>)
    .where(eq(t.id, id))
    .returning();
  return row!;
}

/** Rows in timeline order (oldest first) matching a condition on the table. */
export async function rowsWhere<T extends EntryTable>(
  db: Db | Tx,
  table: T,
  where: (t: T) => SQL | undefined,
): Promise<Row<T>[]> {
  const t: EntryTable = table;
  const rows = await db.select().from(t).where(where(table)).orderBy(asc(t.occurredAt), asc(t.id));
  return rows;
}

export const byEncounter = (encounterId: string) => (t: EntryTable) =>
  'encounterId' in t ? eq(t.encounterId, encounterId) : eq(t.id, encounterId);
export const byPatient = (patientId: string) => (t: EntryTable) => eq(t.patientId, patientId);
export const byIds = (ids: string[]) => (t: EntryTable) => inArray(t.id, ids);

/**
 * An encounter moved in time takes along the entries that sat at its old time (a lab result observed at
 * another moment stays). Only `occurred_at` changes, which the history trigger allows without a version.
 */
export async function moveEncounterEntries(tx: Tx, encounterId: string, from: Date, to: Date) {
  for (const spec of Object.values(ENTRY_FIELDS)) {
    const t = spec.table;
    await tx
      .update(t)
      .set({ occurredAt: to })
      .where(and(eq(t.encounterId, encounterId), eq(t.occurredAt, from)));
  }
}

export async function insertRevision(tx: Tx, values: typeof recordRevisions.$inferInsert) {
  await tx.insert(recordRevisions).values(values);
}

export function revisionsOf(db: Db, entryId: string) {
  return db
    .select()
    .from(recordRevisions)
    .where(eq(recordRevisions.entryId, entryId))
    .orderBy(asc(recordRevisions.version));
}

export function revisionsOfPatient(db: Db, patientId: string) {
  return db
    .select()
    .from(recordRevisions)
    .where(eq(recordRevisions.patientId, patientId))
    .orderBy(asc(recordRevisions.entryId), asc(recordRevisions.version));
}

export async function doctorNames(db: Db | Tx, ids: Iterable<string>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: doctors.id, name: doctors.name })
    .from(doctors)
    .where(inArray(doctors.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Billing totals per currency; sums of numeric(12,2) stay exact as text. */
export function billingTotals(db: Db, patientId: string) {
  return db
    .select({
      currency: billingLines.currency,
      amount: sql<string>`sum(${billingLines.amount})::numeric(14,2)::text`,
      lines: count(),
    })
    .from(billingLines)
    .where(eq(billingLines.patientId, patientId))
    .groupBy(billingLines.currency)
    .orderBy(asc(billingLines.currency));
}
