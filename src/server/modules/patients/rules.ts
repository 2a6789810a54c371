/** Pure rules of patient demographics and of privacy erasure. */
import type { FieldError } from '../../../core/errors.ts';

/** Health attributes among the demographics: admins (front desk) may not change them. */
export const CLINICAL_FIELDS = ['hypertension', 'diabetes', 'alcoholism', 'handicap'] as const;

export const clinicalFieldsIn = (changes: object): string[] => CLINICAL_FIELDS.filter((f) => f in changes);

/** A birth date must be a real past day (the database also refuses anything before 1900). */
export function birthDateErrors(birthDate: string | undefined, today: Date): FieldError[] {
  if (birthDate === undefined) return [];
  return birthDate > today.toISOString().slice(0, 10)
    ? [{ path: 'body.birthDate', message: 'must not be in the future' }]
    : [];
}

/** What an erased patient is called from then on. */
export const ERASED_NAME = 'Erased patient';

/** An erased birth date keeps only the year: ages stay right for statistics, the day no longer identifies. */
export const pseudonymBirthDate = (birthDate: string): string => `${birthDate.slice(0, 4)}-01-01`;

/** Shorter values would erase innocent text (initials, "Rua"): erasure looks for these values only. */
const MIN_IDENTITY_LENGTH = 4;

/** The identifying strings to remove wherever free text may have copied them. */
export function identityValues(...values: (string | null | undefined)[]): string[] {
  const out = values.map((v) => v?.trim() ?? '').filter((v) => v.length >= MIN_IDENTITY_LENGTH);
  return [...new Set(out)].sort((a, b) => b.length - a.length);
}

/** A PostgreSQL regular expression matching any of the values literally (longest first). */
export function literalPattern(values: string[]): string {
  return values.map((v) => v.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&')).join('|');
}

/** The same values as they appear inside JSON text (quotes and backslashes escaped). */
export const jsonEscaped = (values: string[]): string[] => values.map((v) => JSON.stringify(v).slice(1, -1));
