/** CSV field and money formatting (RFC 4180 quoting; money as exact decimal strings from integer cents). Pure. */

const NEEDS_QUOTES = /[",\r\n]/;

/** The field as written in a CSV row: quoted (inner quotes doubled) only when it must be. */
export function csvText(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

const CENTS = Array.from({ length: 100 }, (_, n) => (n < 10 ? `0${n}` : String(n)));

/** Integer cents → `"152.50"`; exact, never through a float division. */
export function money(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`money() needs whole cents, got ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${CENTS[abs % 100] ?? '00'}`;
}

/** `price × percent / 100`, rounded half up to whole cents, in integer arithmetic. */
export const applyPercent = (cents: number, percent: number): number =>
  Math.floor((cents * percent + 50) / 100);
