/** Dates and times as the recipient reads them: their locale, the zone the event happens in. Pure. */
import { DateTime } from 'luxon';

export function formatDateTime(ms: number, zone: string, locale: string): string {
  return DateTime.fromMillis(ms, { zone }).setLocale(locale).toLocaleString({
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  });
}

export function formatTime(ms: number, zone: string, locale: string): string {
  return DateTime.fromMillis(ms, { zone })
    .setLocale(locale)
    .toLocaleString({ hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
}

/** A calendar date (`2026-03-07`) in words, e.g. "Saturday, 7 March 2026". */
export function formatDate(isoDate: string, locale: string): string {
  return DateTime.fromISO(isoDate, { zone: 'UTC' })
    .setLocale(locale)
    .toLocaleString({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
}
