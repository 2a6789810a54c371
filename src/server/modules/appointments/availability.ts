/**
 * Builds the pure `Availability` of doctors for a time window from the database, so slot search and
 * booking checks run on the same rules.
 */
import { DateTime } from 'luxon';
import type { Db, Tx } from '../../db/client.ts';
import * as repo from './availability-repo.ts';
import type { Availability, Interval, TimeRange, Weekday, WeeklyHours } from './rules.ts';

export interface DoctorAvailability {
  doctorId: string;
  clinicId: string;
  availability: Availability;
  busy: Interval[];
}

const hhmm = (t: string): string => t.slice(0, 5);
const DAY_MS = 86_400_000;
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Loads availability and (unless `withBusy` is false) busy times of the given doctors around [from, to). */
export async function loadAvailability(
  db: Db | Tx,
  doctorIds: string[],
  from: number,
  to: number,
  withBusy = true,
): Promise<DoctorAvailability[]> {
  if (doctorIds.length === 0) return [];
  // Local dates can differ from UTC dates by up to 14 h: pad the date window by two days.
  const fromDay = isoDay(from - 2 * DAY_MS);
  const toDay = isoDay(to + 2 * DAY_MS);
  const settings = await repo.doctorSettings(db, doctorIds);
  const clinicIds = [...new Set(settings.map((s) => s.clinicId))];
  const [weekly, overrides, holidays, timeOff, busy] = await Promise.all([
    repo.weeklyHours(db, doctorIds),
    repo.overrides(db, doctorIds, fromDay, toDay),
    repo.holidays(db, clinicIds, fromDay, toDay),
    repo.timeOff(db, doctorIds, new Date(from), new Date(to)),
    withBusy ? repo.busy(db, doctorIds, new Date(from), new Date(to)) : Promise.resolve([]),
  ]);
  return settings.map((s) => ({
    doctorId: s.id,
    clinicId: s.clinicId,
    availability: {
      zone: s.zone,
      slotMinutes: s.slotMinutes,
      bufferMinutes: s.bufferMinutes,
      minNoticeMinutes: s.minNoticeMinutes,
      horizonDays: s.horizonDays,
      weekly: groupWeekly(weekly.filter((w) => w.doctorId === s.id)),
      overrides: groupOverrides(overrides.filter((o) => o.doctorId === s.id)),
      closedWeekdays: s.closedOnWeekends ? [6, 7] : [],
      holidays: holidays.filter((h) => h.clinicId === s.clinicId).map((h) => h.day),
      timeOff: timeOff
        .filter((t) => t.doctorId === s.id)
        .map((t) => ({ start: t.startsAt.getTime(), end: t.endsAt.getTime() })),
    },
    busy: busy
      .filter((b) => b.doctorId === s.id)
      .map((b) => ({ start: b.startsAt.getTime(), end: b.endsAt.getTime() })),
  }));
}

function groupWeekly(rows: { weekday: number; startTime: string; endTime: string }[]): WeeklyHours[] {
  const byDay = new Map<Weekday, TimeRange[]>();
  for (const r of rows) {
    const day = r.weekday as Weekday;
    byDay.set(day, [...(byDay.get(day) ?? []), { start: hhmm(r.startTime), end: hhmm(r.endTime) }]);
  }
  return [...byDay].map(([weekday, ranges]) => ({ weekday, ranges }));
}

function groupOverrides(rows: { day: string; startTime: string | null; endTime: string | null }[]) {
  const byDay = new Map<string, TimeRange[]>();
  for (const r of rows) {
    const ranges = byDay.get(r.day) ?? [];
    if (r.startTime && r.endTime) ranges.push({ start: hhmm(r.startTime), end: hhmm(r.endTime) });
    byDay.set(r.day, ranges);
  }
  return [...byDay].map(([date, ranges]) => ({ date, ranges }));
}

/** A local calendar day in the zone as an instant window [start, end). */
export function localDayWindow(date: string, zone: string): Interval {
  const start = DateTime.fromISO(date, { zone }).startOf('day');
  return { start: start.toMillis(), end: start.plus({ days: 1 }).toMillis() };
}
