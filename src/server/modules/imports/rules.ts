/**
 * Pure parsing, validation and repair rules shared by the importers: field readers that record an issue
 * naming file, line and column instead of throwing, id normalization (E notation), and the patient-matching
 * key. No IO.
 */
/* eslint-disable @typescript-eslint/no-confusing-void-expression -- fail() records the issue and yields
   undefined, the "no value" every reader returns for a bad field. */

export interface Issue {
  file: string;
  line: number;
  column: string;
  reason: string;
  /** The row as it was in the file (for the reject file). */
  raw?: string;
}

export interface RowSource {
  readonly line: number;
  readonly raw: string;
  get(column: string): string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** The common form `2016-04-29T18:38:08Z`: validated without building a Date. */
const UTC_SECONDS = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d:[0-5]\dZ$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const INTEGER = /^-?\d+$/;
const MONEY = /^\d{1,10}(\.\d{1,2})?$/;
const DECIMAL = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

const validDays = new Set<string>();

export function isValidDate(text: string): boolean {
  if (validDays.has(text)) return true;
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  const valid = date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
  if (valid && validDays.size < 100_000) validDays.add(text);
  return valid;
}

/** Reads typed fields of one row; each bad field becomes an issue and reads as undefined. */
export class Fields {
  readonly issues: Issue[] = [];
  private readonly file: string;
  private readonly row: RowSource;

  constructor(file: string, row: RowSource) {
    this.file = file;
    this.row = row;
  }

  get ok(): boolean {
    return this.issues.length === 0;
  }

  fail(column: string, reason: string): undefined {
    this.issues.push({ file: this.file, line: this.row.line, column, reason, raw: this.row.raw });
    return undefined;
  }

  text(column: string): string | undefined {
    const value = this.row.get(column).trim();
    return value === '' ? this.fail(column, 'is empty') : value;
  }

  optional(column: string): string | null {
    const value = this.row.get(column).trim();
    return value === '' ? null : value;
  }

  int(column: string, min: number, max: number): number | undefined {
    const value = this.row.get(column).trim();
    if (!INTEGER.test(value)) return this.fail(column, `"${value}" is not a whole number`);
    const n = Number(value);
    return n < min || n > max ? this.fail(column, `${n} is outside ${min}–${max}`) : n;
  }

  flag(column: string): boolean | undefined {
    const value = this.row.get(column).trim();
    if (value === '0' || value === '1') return value === '1';
    return this.fail(column, `"${value}" is not 0 or 1`);
  }

  date(column: string): string | undefined {
    const value = this.row.get(column).trim();
    return isValidDate(value) ? value : this.fail(column, `"${value}" is not a date (YYYY-MM-DD)`);
  }

  optionalDate(column: string): string | null | undefined {
    return this.row.get(column).trim() === '' ? null : this.date(column);
  }

  /** ISO 8601 with a UTC offset; returned as the instant in ISO form. */
  timestamp(column: string): string | undefined {
    const value = this.row.get(column).trim();
    if (UTC_SECONDS.test(value) && isValidDate(value.slice(0, 10))) return `${value.slice(0, 19)}.000Z`;
    const ms = TIMESTAMP.test(value) ? Date.parse(value.replace(' ', 'T')) : NaN;
    if (Number.isNaN(ms) || !isValidDate(value.slice(0, 10)))
      return this.fail(column, `"${value}" is not a timestamp with a UTC offset`);
    return new Date(ms).toISOString();
  }

  money(column: string): string | undefined {
    const value = this.row.get(column).trim();
    return MONEY.test(value) ? value : this.fail(column, `"${value}" is not an amount like 152.50`);
  }

  decimal(column: string): string | null | undefined {
    const value = this.row.get(column).trim();
    if (value === '') return null;
    return DECIMAL.test(value) && Number.isFinite(Number(value))
      ? value
      : this.fail(column, `"${value}" is not a number`);
  }

  coordinate(column: string, limit: number): number | null | undefined {
    const value = this.decimal(column);
    if (value === null || value === undefined) return value;
    const n = Number(value);
    return Math.abs(n) <= limit ? n : this.fail(column, `${n} is outside ±${limit}`);
  }

  oneOf<T extends string>(column: string, allowed: readonly T[]): T | undefined {
    const value = this.row.get(column).trim();
    return (allowed as readonly string[]).includes(value)
      ? (value as T)
      : this.fail(column, `"${value}" is not one of ${allowed.join(', ')}`);
  }
}

/**
 * Ids written in E notation by a spreadsheet (`9377952927E-5`) become their exact decimal (`93779.52927`),
 * by moving the decimal point in the digit string: never through a float, which would round long ids.
 * Returns undefined for text that is neither plain digits nor E notation.
 */
export function normalizeId(text: string): { id: string; repaired: boolean } | undefined {
  const value = text.trim();
  if (/^\d+$/.test(value)) return { id: value, repaired: false };
  const m = /^(\d+)(?:\.(\d+))?[eE]([-+]?\d+)$/.exec(value);
  if (!m) return undefined;
  const digits = m[1]! + (m[2] ?? '');
  const point = m[1]!.length + Number(m[3]);
  if (point <= 0) return { id: `0.${'0'.repeat(-point)}${digits}`, repaired: true };
  if (point >= digits.length) return { id: digits + '0'.repeat(point - digits.length), repaired: true };
  const whole = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  return { id: `${whole}.${digits.slice(point)}`, repaired: true };
}

/**
 * The patient-matching key: name folded (accents and case dropped, digits dropped — Synthea appends
 * numbers to names —, punctuation to spaces, spaces collapsed), birth date and sex. Two records with
 * equal keys are the same person.
 */
export function matchKey(name: string, birthDate: string, gender: string): string {
  const folded = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\d+/g, '')
    .replace(/[^\p{L}]+/gu, ' ')
    .trim();
  return `${folded}|${birthDate}|${gender}`;
}

const PARTICLES = new Set(['da', 'de', 'do', 'das', 'dos', 'e']);

/** `JARDIM DA PENHA` → `Jardim da Penha` (Portuguese particles stay lower case). */
export function titleCase(text: string): string {
  return text
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .map((w, i) => (i > 0 && PARTICLES.has(w) ? w : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(' ');
}

/** `YYYY-MM-DD` shifted by whole years (29 February becomes 28 February in common years). */
export function minusYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const year = y - years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = m === 2 && d === 29 && !leap ? 28 : d;
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
