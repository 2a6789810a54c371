import { and, asc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { isUuid } from '../../../core/ids.ts';
import type { Db, Tx } from '../../db/client.ts';
import { patients } from '../../db/schema/index.ts';
import { containsPattern } from '../../db/text.ts';
import type { CursorKey } from '../../http/pagination.ts';
import { patientIdsOfDoctor } from '../appointments/index.ts';

export type PatientRow = typeof patients.$inferSelect;

const byRef = (ref: string) => (isUuid(ref) ? eq(patients.id, ref) : eq(patients.code, ref));

/** Just enough to route a request and label it: the id, code, name and linked account. */
export async function findPatientRef(db: Db | Tx, ref: string) {
  const [row] = await db
    .select({ id: patients.id, userId: patients.userId, code: patients.code, name: patients.name })
    .from(patients)
    .where(byRef(ref))
    .limit(1);
  return row;
}

export async function findPatient(db: Db | Tx, ref: string): Promise<PatientRow | undefined> {
  const [row] = await db.select().from(patients).where(byRef(ref)).limit(1);
  return row;
}

export interface PatientFilter {
  /** Only this doctor's patients (care relationship); undefined = all (admins). */
  doctorId?: string | undefined;
  q?: string | undefined;
  after?: CursorKey | undefined;
  limit: number;
}

export function listPatients(db: Db, f: PatientFilter): Promise<PatientRow[]> {
  const where: (SQL | undefined)[] = [
    f.doctorId ? inArray(patients.id, patientIdsOfDoctor(db, f.doctorId)) : undefined,
    f.q ? or(ilike(patients.name, containsPattern(f.q)), eq(patients.code, f.q)) : undefined,
    f.after ? sql`(${patients.name}, ${patients.id}) > (${f.after[0]}, ${f.after[1]}::uuid)` : undefined,
  ];
  return db
    .select()
    .from(patients)
    .where(and(...where))
    .orderBy(asc(patients.name), asc(patients.id))
    .limit(f.limit);
}

export async function updatePatient(
  tx: Tx,
  id: string,
  values: Partial<typeof patients.$inferInsert>,
): Promise<PatientRow> {
  const [row] = await tx.update(patients).set(values).where(eq(patients.id, id)).returning();
  return row!;
}
