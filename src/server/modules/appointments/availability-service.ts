/** Reading and editing availability: weekly hours, day overrides, time off, clinic holidays. */
import { and, asc, eq, gte } from 'drizzle-orm';
import { forbidden, notFound, validationFailed } from '../../../core/errors.ts';
import type { Db } from '../../db/client.ts';
import {
  clinicHolidays,
  doctorDayOverrides,
  doctorTimeOff,
  doctorWeeklyHours,
  doctors,
} from '../../db/schema/index.ts';
import type { Principal } from '../../http/access.ts';
import { findClinic } from '../clinics/index.ts';
import { findDoctorRef } from '../doctors/index.ts';
import { loadAvailability } from './availability.ts';
import type { AvailabilityBody } from './availability-schema.ts';
import { localIso } from './slots.ts';

async function doctorOrThrow(db: Db, ref: string) {
  const doctor = await findDoctorRef(db, ref);
  if (!doctor) throw notFound('doctor.not_found', 'No doctor has this id or code.');
  return doctor;
}

/** Doctors edit their own availability; admins anyone's. */
async function editable(db: Db, principal: Principal, ref: string) {
  const doctor = await doctorOrThrow(db, ref);
  if (principal.role === 'doctor' && principal.doctorId !== doctor.id)
    throw forbidden('availability.not_yours', 'You can edit only your own availability.');
  return doctor;
}

export async function getAvailability(db: Db, ref: string, now: number) {
  const doctor = await doctorOrThrow(db, ref);
  const [found] = await loadAvailability(db, [doctor.id], now, now + 90 * 86_400_000);
  const a = found!.availability;
  return {
    doctorId: doctor.id,
    timezone: a.zone,
    closedOnWeekends: a.closedWeekdays.length > 0,
    slotMinutes: a.slotMinutes,
    bufferMinutes: a.bufferMinutes,
    minNoticeMinutes: a.minNoticeMinutes,
    horizonDays: a.horizonDays,
    weekly: a.weekly,
    overrides: a.overrides,
  };
}

/** Ranges of one day must not overlap: a break is a gap, not a negative range. */
function assertNoOverlaps(weekly: AvailabilityBody['weekly']): void {
  const errors = weekly.flatMap((day, i) => {
    const sorted = [...day.ranges].sort((x, y) => x.start.localeCompare(y.start));
    return sorted.slice(1).flatMap((r, j) =>
      r.start < sorted[j]!.end
        ? [
            {
              path: `body.weekly.${String(i)}.ranges`,
              message: `${r.start}–${r.end} overlaps ${sorted[j]!.start}–${sorted[j]!.end}`,
            },
          ]
        : [],
    );
  });
  const days = weekly.map((d) => d.weekday);
  if (new Set(days).size !== days.length)
    errors.push({ path: 'body.weekly', message: 'lists a weekday twice' });
  if (errors.length > 0) throw validationFailed(errors);
}

export async function putAvailability(
  db: Db,
  principal: Principal,
  ref: string,
  body: AvailabilityBody,
  now: number,
) {
  const doctor = await editable(db, principal, ref);
  assertNoOverlaps(body.weekly);
  await db.transaction(async (tx) => {
    const { weekly, ...settings } = body;
    await tx.update(doctors).set(settings).where(eq(doctors.id, doctor.id));
    await tx.delete(doctorWeeklyHours).where(eq(doctorWeeklyHours.doctorId, doctor.id));
    const rows = weekly.flatMap((d) =>
      d.ranges.map((r) => ({ doctorId: doctor.id, weekday: d.weekday, startTime: r.start, endTime: r.end })),
    );
    if (rows.length > 0) await tx.insert(doctorWeeklyHours).values(rows);
  });
  return getAvailability(db, doctor.id, now);
}

export async function putOverride(
  db: Db,
  principal: Principal,
  ref: string,
  date: string,
  ranges: { start: string; end: string }[],
  now: number,
) {
  const doctor = await editable(db, principal, ref);
  assertNoOverlaps([{ weekday: 1, ranges }]);
  await db.transaction(async (tx) => {
    await tx
      .delete(doctorDayOverrides)
      .where(and(eq(doctorDayOverrides.doctorId, doctor.id), eq(doctorDayOverrides.day, date)));
    const rows =
      ranges.length > 0
        ? ranges.map((r) => ({ startTime: r.start, endTime: r.end }))
        : [{ startTime: null, endTime: null }];
    await tx.insert(doctorDayOverrides).values(rows.map((r) => ({ doctorId: doctor.id, day: date, ...r })));
  });
  return getAvailability(db, doctor.id, now);
}

export async function deleteOverride(db: Db, principal: Principal, ref: string, date: string, now: number) {
  const doctor = await editable(db, principal, ref);
  await db
    .delete(doctorDayOverrides)
    .where(and(eq(doctorDayOverrides.doctorId, doctor.id), eq(doctorDayOverrides.day, date)));
  return getAvailability(db, doctor.id, now);
}

export async function listTimeOff(db: Db, principal: Principal, ref: string, now: number) {
  const doctor = await editable(db, principal, ref);
  const clinic = (await findClinic(db, doctor.clinicId))!;
  const rows = await db
    .select()
    .from(doctorTimeOff)
    .where(and(eq(doctorTimeOff.doctorId, doctor.id), gte(doctorTimeOff.endsAt, new Date(now))))
    .orderBy(asc(doctorTimeOff.startsAt));
  return {
    items: rows.map((r) => ({
      id: r.id,
      startsAt: localIso(r.startsAt.getTime(), clinic.timezone),
      endsAt: localIso(r.endsAt.getTime(), clinic.timezone),
      reason: r.reason,
    })),
  };
}

export async function addTimeOff(
  db: Db,
  principal: Principal,
  ref: string,
  body: { startsAt: string; endsAt: string; reason?: string | undefined },
) {
  const doctor = await editable(db, principal, ref);
  const [row] = await db
    .insert(doctorTimeOff)
    .values({
      doctorId: doctor.id,
      startsAt: new Date(body.startsAt),
      endsAt: new Date(body.endsAt),
      reason: body.reason ?? null,
    })
    .returning();
  return {
    id: row!.id,
    startsAt: row!.startsAt.toISOString(),
    endsAt: row!.endsAt.toISOString(),
    reason: row!.reason,
  };
}

export async function deleteTimeOff(db: Db, principal: Principal, ref: string, id: string) {
  const doctor = await editable(db, principal, ref);
  const gone = await db
    .delete(doctorTimeOff)
    .where(and(eq(doctorTimeOff.id, id), eq(doctorTimeOff.doctorId, doctor.id)))
    .returning();
  if (gone.length === 0) throw notFound('time_off.not_found', 'No such time off for this doctor.');
}

async function clinicOrThrow(db: Db, ref: string) {
  const clinic = await findClinic(db, ref);
  if (!clinic) throw notFound('clinic.not_found', 'No clinic has this id or code.');
  return clinic;
}

export async function listHolidays(db: Db, ref: string) {
  const clinic = await clinicOrThrow(db, ref);
  const rows = await db
    .select()
    .from(clinicHolidays)
    .where(eq(clinicHolidays.clinicId, clinic.id))
    .orderBy(asc(clinicHolidays.day));
  return { items: rows.map((r) => ({ id: r.id, date: r.day, name: r.name })) };
}

export async function addHoliday(db: Db, ref: string, body: { date: string; name: string }) {
  const clinic = await clinicOrThrow(db, ref);
  const [row] = await db
    .insert(clinicHolidays)
    .values({ clinicId: clinic.id, day: body.date, name: body.name })
    .returning();
  return { id: row!.id, date: row!.day, name: row!.name };
}

export async function deleteHoliday(db: Db, ref: string, id: string) {
  const clinic = await clinicOrThrow(db, ref);
  const gone = await db
    .delete(clinicHolidays)
    .where(and(eq(clinicHolidays.id, id), eq(clinicHolidays.clinicId, clinic.id)))
    .returning();
  if (gone.length === 0) throw notFound('holiday.not_found', 'No such holiday at this clinic.');
}
