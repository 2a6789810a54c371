/**
 * Discovery's reads: the directory (doctors with their clinic's place), the history the classifier learns
 * from (reasons of completed visits → the doctor's specialty; no patient leaves this file), and where a
 * neighbourhood is. Read-only over the directory, scheduling and patient tables.
 */
import { and, avg, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { appointments, clinics, doctors, patients } from '../../db/schema/index.ts';

export function directory(db: Db) {
  return db
    .select({
      id: doctors.id,
      code: doctors.code,
      name: doctors.name,
      specialty: doctors.specialty,
      clinic: {
        id: clinics.id,
        code: clinics.code,
        name: clinics.name,
        neighbourhood: clinics.neighbourhood,
        latitude: clinics.latitude,
        longitude: clinics.longitude,
        timezone: clinics.timezone,
      },
    })
    .from(doctors)
    .innerJoin(clinics, eq(clinics.id, doctors.clinicId));
}

export type DirectoryRow = Awaited<ReturnType<typeof directory>>[number];

/** Reasons of completed visits with the specialty that treated them (most recent `limit`). */
export function history(db: Db, limit = 200_000): Promise<{ reason: string; specialty: string }[]> {
  return db
    .select({ reason: sql<string>`${appointments.reason}`, specialty: doctors.specialty })
    .from(appointments)
    .innerJoin(doctors, eq(doctors.id, appointments.doctorId))
    .where(and(eq(appointments.status, 'completed'), isNotNull(appointments.reason)))
    .orderBy(sql`${appointments.startsAt} desc`)
    .limit(limit);
}

/** A neighbourhood's centre: the mean of its clinics' places, else of its residents' (case-insensitive). */
export async function areaCentre(db: Db, name: string): Promise<{ lat: number; lon: number } | undefined> {
  const match = (column: typeof clinics.neighbourhood | typeof patients.neighbourhood) =>
    sql`lower(${column}) = lower(${name})`;
  const [c] = await db
    .select({ lat: avg(clinics.latitude), lon: avg(clinics.longitude) })
    .from(clinics)
    .where(and(match(clinics.neighbourhood), isNotNull(clinics.latitude), isNotNull(clinics.longitude)));
  if (c?.lat != null && c.lon != null) return { lat: Number(c.lat), lon: Number(c.lon) };
  const [p] = await db
    .select({ lat: avg(patients.latitude), lon: avg(patients.longitude) })
    .from(patients)
    .where(and(match(patients.neighbourhood), isNotNull(patients.latitude), isNull(patients.erasedAt)));
  if (p?.lat != null && p.lon != null) return { lat: Number(p.lat), lon: Number(p.lon) };
  return undefined;
}
