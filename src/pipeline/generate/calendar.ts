/**
 * Dates and local times as lookup tables, so the hot loop never touches Date or Intl: date strings for every
 * day from the oldest birth date to the end of the window, and for the window (plus the booking lead before
 * it) each day's weekday and its UTC offset in the clinics' zone, read once through Intl (zoned.ts). Pure.
 *
 * One offset per day is exact for clinic hours: zones change their clocks at night (Brazil's old summer
 * time switched at midnight), and every time written here lies between 06:00 and 22:00.
 */
import { zonedTimeToEpoch, type LocalDate } from '../../server/demo/zoned.ts';
import { encode, type RowBuffer } from './bytes.ts';
import { MAX_AGE } from './population.ts';

const DAY_MS = 86_400_000;
/** Window days before the start that bookings (ScheduledDay) may fall on. */
export const LEAD_MARGIN_DAYS = 200;
const BIRTH_MARGIN_DAYS = (MAX_AGE + 2) * 366;

export interface Calendar {
  readonly timeZone: string;
  readonly start: LocalDate;
  readonly days: number;
  /** `YYYY-MM-DD` of window day `d` (0 = the start; negative before it, down to the oldest birth). */
  date(day: number): string;
  /** 0 = Sunday … 6 = Saturday, for days from −LEAD_MARGIN_DAYS to the end of the window. */
  weekday(day: number): number;
  /** ISO 8601 local time with offset, e.g. `2025-03-14T09:20:00-03:00`. */
  timestamp(day: number, minute: number, second: number): string;
  /** Window day of a local date (may be negative). */
  dayOf(date: LocalDate): number;
  /** The same as date() and timestamp(), written as bytes without creating strings. */
  writeDate(out: RowBuffer, day: number): void;
  writeTimestamp(out: RowBuffer, day: number, minute: number, second: number): void;
}

const two = (n: number): string => (n < 10 ? `0${n}` : String(n));
const CLOCK = Array.from({ length: 1440 }, (_, m) => `${two(Math.floor(m / 60))}:${two(m % 60)}`);
const SECONDS = Array.from({ length: 60 }, (_, s) => `:${two(s)}`);
const CLOCK_BYTES = encode(CLOCK.join(''));

export function isoDateOfEpochDay(epochDay: number): string {
  const d = new Date(epochDay * DAY_MS);
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
}

export const epochDayOf = (date: LocalDate): number => Date.UTC(date.year, date.month - 1, date.day) / DAY_MS;

/** `-03:00` style offset of `timeZone` at local noon of `epochDay`. */
export function offsetText(epochDay: number, timeZone: string): string {
  const d = new Date(epochDay * DAY_MS);
  const date = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
  const wallNoon = epochDay * DAY_MS + 12 * 3_600_000;
  const minutes = Math.round((wallNoon - zonedTimeToEpoch(date, 12 * 60, timeZone)) / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}

export function createCalendar(start: LocalDate, days: number, timeZone: string): Calendar {
  const startDay = epochDayOf(start);
  const dates = Array.from({ length: BIRTH_MARGIN_DAYS + days }, (_, i) =>
    isoDateOfEpochDay(startDay - BIRTH_MARGIN_DAYS + i),
  );
  const local = LEAD_MARGIN_DAYS + days;
  const weekdays = new Uint8Array(local);
  const offsets: string[] = [];
  for (let i = 0; i < local; i++) {
    const epochDay = startDay - LEAD_MARGIN_DAYS + i;
    weekdays[i] = (((epochDay + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
    offsets.push(offsetText(epochDay, timeZone));
  }
  const dateBytes = encode(dates.join(''));
  const offsetBytes = encode(offsets.join(''));
  return {
    timeZone,
    start,
    days,
    writeDate: (out, day) => out.slice(dateBytes, (day + BIRTH_MARGIN_DAYS) * 10, 10),
    writeTimestamp: (out, day, minute, second) => {
      out.slice(dateBytes, (day + BIRTH_MARGIN_DAYS) * 10, 10);
      out.byte(0x54); // T
      out.slice(CLOCK_BYTES, minute * 5, 5);
      out.byte(0x3a); // :
      out.padded(second, 2);
      out.slice(offsetBytes, (day + LEAD_MARGIN_DAYS) * 6, 6);
    },
    date: (day) => dates[day + BIRTH_MARGIN_DAYS] ?? '',
    weekday: (day) => weekdays[day + LEAD_MARGIN_DAYS] ?? 0,
    timestamp: (day, minute, second) =>
      `${dates[day + BIRTH_MARGIN_DAYS] ?? ''}T${CLOCK[minute] ?? ''}${SECONDS[second] ?? ''}${offsets[day + LEAD_MARGIN_DAYS] ?? ''}`,
    dayOf: (date) => epochDayOf(date) - startDay,
  };
}
