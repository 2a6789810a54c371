/**
 * The generator's settings: flags as typed in, checked one by one (each error names its flag), and the sizes
 * derived from `--patients` when not given. Pure.
 */
import { badRequest } from '../../core/errors.ts';
import type { LocalDate } from '../../server/demo/zoned.ts';

export const FORMATS = ['csv', 'parquet'] as const;
export type OutputFormat = (typeof FORMATS)[number];

export interface GenerateSettings {
  readonly patients: number;
  readonly doctors: number;
  readonly clinics: number;
  readonly seed: number;
  readonly start: LocalDate;
  readonly days: number;
}

export interface GenerateOptions extends GenerateSettings {
  readonly out: string;
  readonly format: OutputFormat;
}

/** The flags as commander hands them over: strings, or absent. */
export interface GenerateFlags {
  readonly out?: string | undefined;
  readonly patients?: string | undefined;
  readonly doctors?: string | undefined;
  readonly clinics?: string | undefined;
  readonly seed?: string | undefined;
  readonly start?: string | undefined;
  readonly days?: string | undefined;
  readonly format?: string | undefined;
}

export const DEFAULTS = { patients: 10_000, seed: 1, start: '2025-01-01', days: 365, format: 'csv' } as const;
export const LIMITS = { patients: 10_000_000, doctors: 100_000, days: 3660 } as const;
/** Patients per doctor, and doctors per clinic, when the sizes are derived. */
export const PATIENTS_PER_DOCTOR = 500;
export const DOCTORS_PER_CLINIC = { min: 8, max: 15, typical: 11.5 } as const;

const invalid = (flag: string, rule: string, value: string): Error =>
  badRequest('generate.invalid_option', `--${flag} ${rule} (got "${value}")`);

function wholeNumber(flag: string, value: string, min: number, max: number): number {
  const n = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw invalid(
      flag,
      `must be a whole number from ${min.toLocaleString('en')} to ${max.toLocaleString('en')}`,
      value,
    );
  }
  return n;
}

export function parseDate(flag: string, value: string): LocalDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  const probe = new Date(Date.UTC(year, month - 1, day));
  const valid = match && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
  if (!valid || year < 1950 || year > 2100) {
    throw invalid(flag, 'must be a calendar date YYYY-MM-DD between 1950 and 2100', value);
  }
  return { year, month, day };
}

/** Doctors from patients (about one per 500, at least 8) and clinics from doctors (8–15 each where possible). */
export function deriveSizes(
  patients: number,
  doctors?: number,
  clinics?: number,
): { doctors: number; clinics: number } {
  const d = doctors ?? Math.max(DOCTORS_PER_CLINIC.min, Math.round(patients / PATIENTS_PER_DOCTOR));
  if (clinics !== undefined) return { doctors: d, clinics };
  const fewest = Math.ceil(d / DOCTORS_PER_CLINIC.max);
  const most = Math.max(1, Math.floor(d / DOCTORS_PER_CLINIC.min));
  const typical = Math.round(d / DOCTORS_PER_CLINIC.typical);
  return { doctors: d, clinics: Math.min(most, Math.max(fewest, typical, 1)) };
}

export function parseGenerateFlags(flags: GenerateFlags): GenerateOptions {
  const out = flags.out?.trim();
  if (!out)
    throw badRequest('generate.invalid_option', '--out is required: the directory to write the files to');
  const format = flags.format ?? DEFAULTS.format;
  if (!(FORMATS as readonly string[]).includes(format))
    throw invalid('format', 'must be csv or parquet', format);
  const patients = wholeNumber('patients', flags.patients ?? String(DEFAULTS.patients), 1, LIMITS.patients);
  const doctors =
    flags.doctors === undefined ? undefined : wholeNumber('doctors', flags.doctors, 1, LIMITS.doctors);
  const clinics =
    flags.clinics === undefined ? undefined : wholeNumber('clinics', flags.clinics, 1, LIMITS.doctors);
  const sizes = deriveSizes(patients, doctors, clinics);
  if (sizes.clinics > sizes.doctors) {
    throw invalid(
      'clinics',
      `must not exceed the number of doctors (${sizes.doctors}): each clinic needs one`,
      String(sizes.clinics),
    );
  }
  return {
    out,
    format: format as OutputFormat,
    patients,
    ...sizes,
    seed: wholeNumber('seed', flags.seed ?? String(DEFAULTS.seed), 0, 0xffff_ffff),
    start: parseDate('start', flags.start ?? DEFAULTS.start),
    days: wholeNumber('days', flags.days ?? String(DEFAULTS.days), 1, LIMITS.days),
  };
}
