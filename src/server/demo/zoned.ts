/**
 * Wall-clock dates and times in an IANA time zone, through Intl (no offsets hard-coded: São Paulo dropped
 * daylight saving in 2019, but demo dates before that, and other clinics' zones, still have it).
 */

export interface LocalDate {
  readonly year: number;
  readonly month: number; // 1–12
  readonly day: number;
}

export interface LocalDateTime extends LocalDate {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock reading in `timeZone` at the instant `epochMs`. */
export function localDateTime(epochMs: number, timeZone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const field = (name: string): number => parts[name] ?? Number.NaN;
  return {
    year: field('year'),
    month: field('month'),
    day: field('day'),
    hour: field('hour'),
    minute: field('minute'),
    second: field('second'),
  };
}

/** How far `timeZone` is ahead of UTC at `epochMs`, in milliseconds. */
function offsetAt(epochMs: number, timeZone: string): number {
  const t = localDateTime(epochMs, timeZone);
  const wholeSecond = Math.floor(epochMs / 1000) * 1000;
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second) - wholeSecond;
}

/** The instant (epoch ms) when clocks in `timeZone` show `minuteOfDay` on `date`. */
export function zonedTimeToEpoch(date: LocalDate, minuteOfDay: number, timeZone: string): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day, 0, minuteOfDay);
  const guess = wall - offsetAt(wall, timeZone);
  // A second pass corrects the guess when an offset change lies between `wall` and the real instant.
  return wall - offsetAt(guess, timeZone);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/** `YYYY-MM-DD`, the form a SQL `date` column takes. */
export function isoDate(date: LocalDate): string {
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** Today's date (`YYYY-MM-DD`) in `timeZone`: the pipeline's run date. */
export function todayIn(timeZone: string, now = new Date()): string {
  return isoDate(localDateTime(now.getTime(), timeZone));
}

/** Whole years from an ISO birth date to `on` (a birthday on `on` counts). */
export function ageOn(birthDate: string, on: LocalDate): number {
  const [year = 0, month = 0, day = 0] = birthDate.split('-').map(Number);
  const birthdayPassed = on.month > month || (on.month === month && on.day >= day);
  return on.year - year - (birthdayPassed ? 0 : 1);
}
