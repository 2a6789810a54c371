/**
 * A doctor's availability as the pure scheduling rules take it (weekly hours, overrides, closures, time
 * off, slot length, notice and horizon), its defaults, and what is wrong with one. No IO; rules.ts
 * re-exports all of it.
 */
import { dayOf, isZone, minutesOf } from './wallclock.ts';

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
/** 'HH:MM' wall clock, end > start, '24:00' allowed as end. */
export type TimeRange = { start: string; end: string };
/** Several ranges a day: breaks are the gaps. */
export type WeeklyHours = { weekday: Weekday; ranges: TimeRange[] };
/** 'YYYY-MM-DD' local; replaces that day's weekly hours; [] = day off. */
export type DayOverride = { date: string; ranges: TimeRange[] };
/** [start, end) in epoch ms. */
export type Interval = { start: number; end: number };
export interface Availability {
  /** Clinic IANA zone, e.g. 'America/Sao_Paulo'. */
  zone: string;
  /** Default 30. */
  slotMinutes: number;
  /** Gap after each visit: slots step by slotMinutes + bufferMinutes within a range. */
  bufferMinutes: number;
  /** Default 120: no slot starting before now + notice. */
  minNoticeMinutes: number;
  /** Default 90: no slot starting after now + horizon (calendar days in the zone). */
  horizonDays: number;
  weekly: WeeklyHours[];
  overrides: DayOverride[];
  /** Clinic closed on these (default [6, 7]); an override on such a day does NOT open it. */
  closedWeekdays: Weekday[];
  /** 'YYYY-MM-DD' local dates the clinic is closed. */
  holidays: string[];
  /** Vacations, sick days: no slot may overlap. */
  timeOff: Interval[];
}
export type Problem = { path: string; message: string };

/** An availability with the defaults (30-min slots, 2 h notice, 90-day horizon, weekends closed). */
export function withDefaults(a: Partial<Availability> & { zone: string }): Availability {
  const numbers = { slotMinutes: 30, bufferMinutes: 0, minNoticeMinutes: 120, horizonDays: 90 };
  const lists = { weekly: [], overrides: [], closedWeekdays: [6, 7] as Weekday[], holidays: [], timeOff: [] };
  return { ...numbers, ...lists, ...a };
}

const isInt = (x: number, min: number, max: number): boolean => Number.isInteger(x) && x >= min && x <= max;

function rangeProblems(ranges: TimeRange[], field: string, index: number, out: Problem[]): void {
  const at = (j: number, end: string) => `${field}.${index}.ranges.${j}.${end}`;
  ranges.forEach((r, j) => {
    const [s, e] = [minutesOf(r.start), minutesOf(r.end)];
    if (!(s < 1440)) out.push({ path: at(j, 'start'), message: 'must be HH:MM from 00:00 to 23:59' });
    if (Number.isNaN(e)) out.push({ path: at(j, 'end'), message: 'must be HH:MM up to 24:00' });
    else if (e <= s) out.push({ path: at(j, 'end'), message: 'must be after start' });
  });
}

/** What is wrong with an availability, by field path (empty when it is usable). */
export function availabilityProblems(a: Availability): Problem[] {
  const out: Problem[] = [];
  const bad = (path: string, message: string) => out.push({ path, message });
  if (!isZone(a.zone)) bad('zone', 'must be an IANA time zone such as Europe/London');
  if (!isInt(a.slotMinutes, 1, 1440)) bad('slotMinutes', 'must be a whole number from 1 to 1440');
  if (!isInt(a.bufferMinutes, 0, 1440)) bad('bufferMinutes', 'must be a whole number from 0 to 1440');
  if (!isInt(a.minNoticeMinutes, 0, 1e7)) bad('minNoticeMinutes', 'must be a whole number, 0 or more');
  if (!isInt(a.horizonDays, 0, 3660)) bad('horizonDays', 'must be a whole number from 0 to 3660');
  // Paths are built only for problems: this runs on every call, for every doctor.
  a.weekly.forEach((w, i) => {
    if (!isInt(w.weekday, 1, 7)) bad(`weekly.${i}.weekday`, 'must be 1 (Monday) to 7 (Sunday)');
    rangeProblems(w.ranges, 'weekly', i, out);
  });
  a.overrides.forEach((o, i) => {
    if (Number.isNaN(dayOf(o.date))) bad(`overrides.${i}.date`, 'must be a date YYYY-MM-DD');
    rangeProblems(o.ranges, 'overrides', i, out);
  });
  a.closedWeekdays.forEach((d, i) => isInt(d, 1, 7) || bad(`closedWeekdays.${i}`, 'must be 1 to 7'));
  a.holidays.forEach((h, i) => Number.isNaN(dayOf(h)) && bad(`holidays.${i}`, 'must be a date YYYY-MM-DD'));
  a.timeOff.forEach((t, i) => {
    const ok = Number.isFinite(t.start) && Number.isFinite(t.end) && t.end > t.start;
    if (!ok) bad(`timeOff.${i}`, 'must have a finite start before its end');
  });
  return out;
}
