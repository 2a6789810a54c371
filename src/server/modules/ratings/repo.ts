import {
  and,
  count,
  desc,
  eq,
  getTableColumns,
  inArray,
  isNotNull,
  isNull,
  sql,
  sum,
  type SQL,
} from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { doctors, ratings } from '../../db/schema/index.ts';
import type { CursorKey } from '../../http/pagination.ts';

export type RatingRow = typeof ratings.$inferSelect;
/** A rating as moderators list it: with the doctor's name, so the screen needs no look-up per doctor. */
export type ModeratedRow = RatingRow & { doctorName: string };

/** Read-only look-up of the visit being rated (the appointments table belongs to scheduling). */

export async function insertRating(tx: Tx, values: typeof ratings.$inferInsert): Promise<RatingRow> {
  const [row] = await tx.insert(ratings).values(values).returning();
  return row!;
}

export async function findRating(db: Db, id: string): Promise<RatingRow | undefined> {
  const [row] = await db.select().from(ratings).where(eq(ratings.id, id)).limit(1);
  return row;
}

/** A rating with its doctor's name (read-only join on the directory's table). */
export async function findModerated(db: Db, id: string): Promise<ModeratedRow | undefined> {
  const [row] = await withDoctorName(db).where(eq(ratings.id, id)).limit(1);
  return row;
}

export async function updateRating(tx: Tx, id: string, values: Partial<typeof ratings.$inferInsert>) {
  const [row] = await tx.update(ratings).set(values).where(eq(ratings.id, id)).returning();
  return row!;
}

/** Count and sum of scores per doctor; hidden comments still count (moderation is about text). */
export async function totals(
  db: Db,
  doctorIds: string[],
): Promise<Map<string, { count: number; sum: number }>> {
  if (doctorIds.length === 0) return new Map();
  const rows = await db
    .select({ doctorId: ratings.doctorId, count: count(), sum: sum(ratings.score) })
    .from(ratings)
    .where(inArray(ratings.doctorId, doctorIds))
    .groupBy(ratings.doctorId);
  return new Map(rows.map((r) => [r.doctorId, { count: r.count, sum: Number(r.sum ?? 0) }]));
}

/** Newest first; the cursor is (created_at, id) of the last row seen. */
const before = (after: CursorKey | undefined): SQL | undefined =>
  after
    ? sql`(${ratings.createdAt}, ${ratings.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`
    : undefined;

export function page(db: Db, where: SQL | undefined, after: CursorKey | undefined, limit: number) {
  return db
    .select()
    .from(ratings)
    .where(and(where, before(after)))
    .orderBy(desc(ratings.createdAt), desc(ratings.id))
    .limit(limit);
}

/** The moderation queue, newest first: each page's doctors' names come in the same query (one join). */
export function moderationPage(db: Db, where: SQL | undefined, after: CursorKey | undefined, limit: number) {
  return withDoctorName(db)
    .where(and(where, before(after)))
    .orderBy(desc(ratings.createdAt), desc(ratings.id))
    .limit(limit);
}

function withDoctorName(db: Db) {
  return db
    .select({ ...getTableColumns(ratings), doctorName: doctors.name })
    .from(ratings)
    .innerJoin(doctors, eq(doctors.id, ratings.doctorId));
}

export const ofDoctor = (doctorId: string) => eq(ratings.doctorId, doctorId);
export const ofPatient = (patientId: string) => eq(ratings.patientId, patientId);
export const hiddenIs = (hidden: boolean | undefined) =>
  hidden === undefined ? undefined : hidden ? isNotNull(ratings.hiddenAt) : isNull(ratings.hiddenAt);

/** Privacy erasure: the patient's comments go; their scores stay (anonymous) in the doctors' averages. */
export async function clearComments(tx: Tx, patientId: string): Promise<void> {
  await tx.update(ratings).set({ comment: null }).where(eq(ratings.patientId, patientId));
}
