/** Queries that assemble a doctor's availability and busy times (Drizzle only). */
import { and, asc, eq, gt, inArray, lt, ne, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import {
  appointments,
  clinicHolidays,
  clinics,
  doctorDayOverrides,
  doctorTimeOff,
  doctorWeeklyHours,
  doctors,
} from '../../db/schema/index.ts';

export function doctorSettings(db: Db | Tx, doctorIds: string[]) {
  return db
    .select({
      id: doctors.id,
      clinicId: doctors.clinicId,
      specialty: doctors.specialty,
      slotMinutes: doctors.slotMinutes,
      bufferMinutes: doctors.bufferMinutes,
      minNoticeMinutes: doctors.minNoticeMinutes,
      horizonDays: doctors.horizonDays,
      zone: clinics.timezone,
      closedOnWeekends: clinics.closedOnWeekends,
    })
    .from(doctors)
    .innerJoin(clinics, eq(clinics.id, doctors.clinicId))
    .where(inArray(doctors.id, doctorIds));
}

export function weeklyHours(db: Db | Tx, doctorIds: string[]) {
  return db
    .select()
    .from(doctorWeeklyHours)
    .where(inArray(doctorWeeklyHours.doctorId, doctorIds))
    .orderBy(asc(doctorWeeklyHours.weekday), asc(doctorWeeklyHours.startTime));
}

/** Local dates as 'YYYY-MM-DD'; the window is padded by a day on each side for zone offsets. */
export function overrides(db: Db | Tx, doctorIds: string[], fromDay: string, toDay: string) {
  return db
    .select()
    .from(doctorDayOverrides)
    .where(
      and(
        inArray(doctorDayOverrides.doctorId, doctorIds),
        gt(doctorDayOverrides.day, fromDay),
        lt(doctorDayOverrides.day, toDay),
      ),
    )
    .orderBy(asc(doctorDayOverrides.day), asc(doctorDayOverrides.startTime));
}

export function holidays(db: Db | Tx, clinicIds: string[], fromDay: string, toDay: string) {
  return db
    .select()
    .from(clinicHolidays)
    .where(
      and(
        inArray(clinicHolidays.clinicId, clinicIds),
        gt(clinicHolidays.day, fromDay),
        lt(clinicHolidays.day, toDay),
      ),
    );
}

export function timeOff(db: Db | Tx, doctorIds: string[], from: Date, to: Date) {
  return db
    .select()
    .from(doctorTimeOff)
    .where(
      and(
        inArray(doctorTimeOff.doctorId, doctorIds),
        lt(doctorTimeOff.startsAt, to),
        gt(doctorTimeOff.endsAt, from),
      ),
    )
    .orderBy(asc(doctorTimeOff.startsAt));
}

/** Active (not cancelled) appointments overlapping [from, to). */
export function busy(db: Db | Tx, doctorIds: string[], from: Date, to: Date) {
  return db
    .select({ doctorId: appointments.doctorId, startsAt: appointments.startsAt, endsAt: appointments.endsAt })
    .from(appointments)
    .where(
      and(
        inArray(appointments.doctorId, doctorIds),
        ne(appointments.status, 'cancelled'),
        lt(appointments.startsAt, to),
        gt(appointments.endsAt, from),
      ),
    )
    .orderBy(asc(appointments.startsAt));
}

/** Doctors matching a directory filter (for cross-doctor slot search). */
export function doctorIdsMatching(
  db: Db,
  f: { specialty?: string | undefined; clinicId?: string | undefined },
) {
  return db
    .select({ id: doctors.id })
    .from(doctors)
    .where(
      and(
        f.specialty ? sql`lower(${doctors.specialty}) = lower(${f.specialty})` : undefined,
        f.clinicId ? eq(doctors.clinicId, f.clinicId) : undefined,
      ),
    );
}
