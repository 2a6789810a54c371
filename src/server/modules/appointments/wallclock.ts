/**
 * Wall clock ↔ instant in an IANA zone, through Luxon. Luxon calls dominate the cost of slot generation,
 * and their answers depend only on their inputs (zone rules are fixed for the life of the process), so
 * they are memoised, bounded, across calls and doctors.
 */
import { DateTime, IANAZone } from 'luxon';

/** Length of a UTC calendar day: used only to number dates, never to shift between zones. */
const DAY_MS = 86_400_000;

/** Day number (days since 1970-01-01) of a calendar date. */
export const dayNumber = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / DAY_MS;

// Luxon calls dominate the cost, and their answers depend only on their inputs (the time-zone rules
// are fixed for the life of the process), so they are memoised across calls and doctors.
const zones = new Map<string, boolean>();
const walls = new Map<string, Map<number, number>>(); // zone → day * 1441 + minute → instant
const instants = new Map<string, number>(); // keyed by the request's `now`: rarely reused, kept small

function remember(memo: Map<string, number>, key: string, compute: () => number): number {
  let v = memo.get(key);
  if (v === undefined) {
    if (memo.size >= 10_000) memo.clear();
    memo.set(key, (v = compute()));
  }
  return v;
}

/** Luxon's zone check builds an Intl formatter (~60 µs): once per zone, not once per doctor. */
export function isZone(zone: string): boolean {
  let ok = zones.get(zone);
  if (ok === undefined) {
    if (zones.size >= 1000) zones.clear(); // callers may validate user input: stay bounded
    zones.set(zone, (ok = IANAZone.isValidZone(zone)));
  }
  return ok;
}

export function clearWallClockCache(): void {
  for (const memo of [zones, walls, instants]) memo.clear();
}

/** The instant of a wall time on a local day; a time in a spring-forward gap moves forward (Luxon's rule). */
export function wallInstant(zone: string, day: number, minute: number): number {
  let byZone = walls.get(zone);
  if (!byZone) walls.set(zone, (byZone = new Map<number, number>()));
  let ms = byZone.get(day * 1441 + minute);
  if (ms === undefined) {
    const date = new Date((day + Math.floor(minute / 1440)) * DAY_MS); // '24:00' = next day's 00:00
    const [hour, min] = [Math.floor((minute % 1440) / 60), minute % 60];
    const wall = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
    ms = DateTime.fromObject({ ...wall, hour, minute: min }, { zone }).toMillis();
    if (byZone.size >= 100_000) byZone.clear();
    byZone.set(day * 1441 + minute, ms);
  }
  return ms;
}

/** Day number of the local date an instant falls on in the zone. */
export function localDay(zone: string, ms: number): number {
  return remember(instants, `d|${zone}|${ms}`, () => {
    const t = DateTime.fromMillis(ms, { zone });
    return dayNumber(t.year, t.month, t.day);
  });
}

/** The horizon is in calendar days of the clinic, so it keeps its wall-clock time across DST. */
export function horizonEnd(zone: string, now: number, days: number): number {
  return remember(instants, `h|${zone}|${now}|${days}`, () =>
    DateTime.fromMillis(now, { zone }).plus({ days }).toMillis(),
  );
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// Local dates are "day numbers" (days since 1970-01-01 on the calendar): plain calendar arithmetic
// with no zone involved, so the hot path compares numbers instead of formatting date strings.
export const isoWeekday = (day: number): number => ((((day + 3) % 7) + 7) % 7) + 1; // day 0 was a Thursday

const pad = (n: number): string => String(n).padStart(2, '0');
/** Every valid 'HH:MM' ('24:00' = 1440): parsing ranges is a lookup, not a regex per call. */
const MINUTES = new Map(
  Array.from({ length: 1441 }, (_, m) => [`${pad(Math.floor(m / 60))}:${pad(m % 60)}`, m]),
);
/** Minutes after midnight of 'HH:MM', NaN when malformed. */
export const minutesOf = (t: string): number => MINUTES.get(t) ?? NaN;

/** Day number of a real 'YYYY-MM-DD' date (years 100+), NaN otherwise (e.g. 2026-02-30). */
export function dayOf(iso: string): number {
  const m = ISO_DATE.exec(iso);
  if (!m) return NaN;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const back = new Date(dayNumber(y, mo, d) * DAY_MS);
  const same = back.getUTCFullYear() === y && back.getUTCMonth() + 1 === mo && back.getUTCDate() === d;
  return same ? dayNumber(y, mo, d) : NaN;
}
