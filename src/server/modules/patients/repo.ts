import { and, asc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { isUuid } from '../../../core/ids.ts';
import { preparedPer, type Db, type Tx } from '../../db/client.ts';
import { patients } from '../../db/schema/index.ts';
import { containsPattern } from '../../db/text.ts';
import type { CursorKey } from '../../http/pagination.ts';
import { patientIdsOfDoctor } from '../appointments/index.ts';

export type PatientRow = typeof patients.$inferSelect;

const byRef = (ref: string) => (isUuid(ref) ? eq(patients.id, ref) : eq(patients.code, ref));

/** Just enough to route a request and label it; prepared, as every booking and chart read starts here. */
const refLookup = (by: 'id' | 'code') =>
  preparedPer((db) =>
    db
      .select({ id: patients.id, userId: patients.userId, code: patients.code, name: patients.name })
      .from(patients)
      .where(eq(patients[by], sql.placeholder('ref')))
      .limit(1)
      .prepare(`patient_ref_by_${by}`),
  );
const refById = refLookup('id');
const refByCode = refLookup('code');

/** The id, code, name and linked account of the patient with this id or code. */
export async function findPatientRef(db: Db | Tx, ref: string) {
  const [row] = await (isUuid(ref) ? refById : refByCode)(db).execute({ ref });
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
