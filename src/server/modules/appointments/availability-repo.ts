/** Queries that assemble a doctor's availability and busy times (Drizzle only). */
import { and, asc, eq, gt, inArray, lt, ne, sql } from 'drizzle-orm';
import { preparedPer, type Db, type Tx } from '../../db/client.ts';
import {
  appointments,
  clinicHolidays,
  clinics,
  doctorDayOverrides,
  doctorTimeOff,
  doctorWeeklyHours,
  doctors,
} from '../../db/schema/index.ts';

interface RangeJson {
  start: string;
  end: string;
}

/**
 * Each doctor's booking settings, clinic and calendar in ONE round trip: weekly hours, date overrides,
 * clinic holidays and time off come back as JSON arrays from correlated subqueries. The booking path runs
 * this once per request, so round trips matter more than query elegance.
 * Local dates are 'YYYY-MM-DD'; the caller pads the window for zone offsets.
 */
export function availabilityRows(
  db: Db | Tx,
  doctorIds: string[],
  fromDay: string,
  toDay: string,
  from: Date,
  to: Date,
) {
  return preparedAvailability(db).execute({ ids: doctorIds, fromDay, toDay, from, to });
}

const fromDay = sql.placeholder('fromDay');
const toDay = sql.placeholder('toDay');
const from = sql.placeholder('from');
const to = sql.placeholder('to');

/** Prepared once per database: every booking and slot search runs it, and planning was half its cost. */
const preparedAvailability = preparedPer((db) =>
  db
    .select({
      id: doctors.id,
      code: doctors.code,
      name: doctors.name,
      specialty: doctors.specialty,
      slotMinutes: doctors.slotMinutes,
      bufferMinutes: doctors.bufferMinutes,
      minNoticeMinutes: doctors.minNoticeMinutes,
      horizonDays: doctors.horizonDays,
      clinic: { id: clinics.id, code: clinics.code, name: clinics.name, timezone: clinics.timezone },
      closedOnWeekends: clinics.closedOnWeekends,
      weekly: sql<(RangeJson & { weekday: number })[]>`(select coalesce(json_agg(json_build_object(
          'weekday', w.weekday, 'start', w.start_time, 'end', w.end_time) order by w.weekday, w.start_time), '[]'::json)
        from ${doctorWeeklyHours} w where w.doctor_id = ${doctors.id})`,
      overrides: sql<
        { day: string; start: string | null; end: string | null }[]
      >`(select coalesce(json_agg(json_build_object(
          'day', o.day, 'start', o.start_time, 'end', o.end_time) order by o.day, o.start_time), '[]'::json)
        from ${doctorDayOverrides} o where o.doctor_id = ${doctors.id} and o.day > ${fromDay} and o.day < ${toDay})`,
      holidays: sql<string[]>`(select coalesce(json_agg(h.day order by h.day), '[]'::json)
        from ${clinicHolidays} h where h.clinic_id = ${clinics.id} and h.day > ${fromDay} and h.day < ${toDay})`,
      timeOff: sql<{ start: string; end: string }[]>`(select coalesce(json_agg(json_build_object(
          'start', t.starts_at, 'end', t.ends_at) order by t.starts_at), '[]'::json)
        from ${doctorTimeOff} t where t.doctor_id = ${doctors.id} and t.starts_at < ${to} and t.ends_at > ${from})`,
    })
    .from(doctors)
    .innerJoin(clinics, eq(clinics.id, doctors.clinicId))
    .where(sql`${doctors.id} = any(${sql.placeholder('ids')}::uuid[])`)
    .prepare('doctor_availability'),
);

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
