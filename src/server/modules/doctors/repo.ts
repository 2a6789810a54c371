import { and, asc, count, eq, ilike, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { clinics, doctors } from '../../db/schema/index.ts';
import { containsPattern } from '../../db/text.ts';
import { isUuid } from '../../../core/ids.ts';
import type { CursorKey } from '../../http/pagination.ts';

export interface DoctorFilter {
  specialty?: string | undefined;
  clinic?: string | undefined;
  q?: string | undefined;
  after?: CursorKey | undefined;
  limit: number;
}

const columns = {
  id: doctors.id,
  code: doctors.code,
  name: doctors.name,
  specialty: doctors.specialty,
  slotMinutes: doctors.slotMinutes,
  clinic: { id: clinics.id, code: clinics.code, name: clinics.name, neighbourhood: clinics.neighbourhood },
};

export type DoctorRow = Awaited<ReturnType<typeof listDoctors>>[number];

export function listDoctors(db: Db, f: DoctorFilter) {
  const where: (SQL | undefined)[] = [
    f.specialty ? sql`lower(${doctors.specialty}) = lower(${f.specialty})` : undefined,
    f.clinic ? (isUuid(f.clinic) ? eq(clinics.id, f.clinic) : eq(clinics.code, f.clinic)) : undefined,
    f.q ? ilike(doctors.name, containsPattern(f.q)) : undefined,
    f.after ? sql`(${doctors.name}, ${doctors.id}) > (${f.after[0]}, ${f.after[1]}::uuid)` : undefined,
  ];
  return db
    .select(columns)
    .from(doctors)
    .innerJoin(clinics, eq(clinics.id, doctors.clinicId))
    .where(and(...where))
    .orderBy(asc(doctors.name), asc(doctors.id))
    .limit(f.limit);
}

export async function findDoctor(db: Db, idOrCode: string): Promise<DoctorRow | undefined> {
  const [row] = await db
    .select(columns)
    .from(doctors)
    .innerJoin(clinics, eq(clinics.id, doctors.clinicId))
    .where(isUuid(idOrCode) ? eq(doctors.id, idOrCode) : eq(doctors.code, idOrCode))
    .limit(1);
  return row;
}

export function countBySpecialty(db: Db) {
  return db
    .select({ specialty: doctors.specialty, doctors: count() })
    .from(doctors)
    .groupBy(doctors.specialty)
    .orderBy(asc(doctors.specialty));
}

/** Just enough to route a request: the id, clinic and linked account. */
export async function findDoctorRef(db: Db, idOrCode: string) {
  const [row] = await db
    .select({ id: doctors.id, clinicId: doctors.clinicId, userId: doctors.userId })
    .from(doctors)
    .where(isUuid(idOrCode) ? eq(doctors.id, idOrCode) : eq(doctors.code, idOrCode))
    .limit(1);
  return row;
}

export async function insertDoctor(db: Db, values: typeof doctors.$inferInsert): Promise<string> {
  const [row] = await db.insert(doctors).values(values).returning({ id: doctors.id });
  return row!.id;
}

export async function updateDoctor(
  db: Db,
  id: string,
  values: Partial<typeof doctors.$inferInsert>,
): Promise<void> {
  await db.update(doctors).set(values).where(eq(doctors.id, id));
}
