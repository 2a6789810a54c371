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
  doctor: { id: string; code: string; name: string; specialty: string };
  clinic: { id: string; code: string; name: string; timezone: string };
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
  const window = [isoDay(from - 2 * DAY_MS), isoDay(to + 2 * DAY_MS), new Date(from), new Date(to)] as const;
  const [rows, busy] = await Promise.all([
    repo.availabilityRows(db, doctorIds, ...window),
    withBusy ? repo.busy(db, doctorIds, new Date(from), new Date(to)) : Promise.resolve([]),
  ]);
  return rows.map((r) => ({
    doctorId: r.id,
    clinicId: r.clinic.id,
    doctor: { id: r.id, code: r.code, name: r.name, specialty: r.specialty },
    clinic: r.clinic,
    availability: {
      zone: r.clinic.timezone,
      slotMinutes: r.slotMinutes,
      bufferMinutes: r.bufferMinutes,
      minNoticeMinutes: r.minNoticeMinutes,
      horizonDays: r.horizonDays,
      weekly: groupWeekly(r.weekly),
      overrides: groupOverrides(r.overrides),
      closedWeekdays: r.closedOnWeekends ? [6, 7] : [],
      holidays: r.holidays,
      timeOff: r.timeOff.map((t) => ({ start: Date.parse(t.start), end: Date.parse(t.end) })),
    },
    busy: busy
      .filter((b) => b.doctorId === r.id)
      .map((b) => ({ start: b.startsAt.getTime(), end: b.endsAt.getTime() })),
  }));
}

function groupWeekly(rows: { weekday: number; start: string; end: string }[]): WeeklyHours[] {
  const byDay = new Map<Weekday, TimeRange[]>();
  for (const r of rows) {
    const day = r.weekday as Weekday;
    byDay.set(day, [...(byDay.get(day) ?? []), { start: hhmm(r.start), end: hhmm(r.end) }]);
  }
  return [...byDay].map(([weekday, ranges]) => ({ weekday, ranges }));
}

function groupOverrides(rows: { day: string; start: string | null; end: string | null }[]) {
  const byDay = new Map<string, TimeRange[]>();
  for (const r of rows) {
    const ranges = byDay.get(r.day) ?? [];
    if (r.start && r.end) ranges.push({ start: hhmm(r.start), end: hhmm(r.end) });
    byDay.set(r.day, ranges);
  }
  return [...byDay].map(([date, ranges]) => ({ date, ranges }));
}

/** A local calendar day in the zone as an instant window [start, end). */
export function localDayWindow(date: string, zone: string): Interval {
  const start = DateTime.fromISO(date, { zone }).startOf('day');
  return { start: start.toMillis(), end: start.plus({ days: 1 }).toMillis() };
}
