/**
 * Pure rules of the clinical record: what makes an entry acceptable (422 with the field named when not),
 * money as exact decimals, lab values against their units, and what an amendment changed. No IO: look-ups
 * (ICD-10 descriptions, the patient's birth date, the clock) come in through `RuleContext`.
 */
import { formatIcd10Code, normalizeIcd10Code } from '../icd10/index.ts';
import { LOINC_UNITS, type LoincTest } from './loinc.ts';
import type {
  BillingLineContent,
  BillingLineInput,
  DiagnosisContent,
  DiagnosisInput,
  EncounterContent,
  LabResultContent,
  LabResultInput,
  NoteContent,
  NoteInput,
  PrescriptionContent,
  PrescriptionInput,
} from './schema.ts';

export interface Violation {
  /** Stable problem code, e.g. `icd10.unknown_code`. */
  code: string;
  /** Where the bad value is, e.g. `body.diagnoses.0.code`. */
  path: string;
  message: string;
}

export interface RuleContext {
  now: Date;
  /** The patient's birth date (YYYY-MM-DD): nothing clinical happens before it. */
  birthDate: string;
  /** Official descriptions of the ICD-10-CM codes that exist among those submitted (dotless keys). */
  icd: ReadonlyMap<string, string>;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; violations: Violation[] };

/** Clocks of clinic computers drift: "now" tolerates a few minutes ahead. */
export const CLOCK_SKEW_MS = 5 * 60_000;
const DAY_MS = 86_400_000;

/** An instant in the record must lie between the patient's birth (its local day, any zone) and now. */
export function checkWhen(iso: string, path: string, ctx: RuleContext): Violation[] {
  const at = Date.parse(iso);
  if (at > ctx.now.getTime() + CLOCK_SKEW_MS)
    return [{ code: 'record.future_date', path, message: 'must not be in the future' }];
  if (at < Date.parse(`${ctx.birthDate}T00:00:00Z`) - DAY_MS)
    return [{ code: 'record.before_birth', path, message: "must not be before the patient's birth" }];
  return [];
}

const MONEY_RE = /^(\d{1,10})(?:\.(\d{1,2}))?$/;

/**
 * An amount of money as an exact decimal string with two places ("150" → "150.00"). Strings keep cents
 * exact; JSON numbers are accepted when their shortest form already has at most two decimals.
 */
export function parseAmount(input: string | number): { amount: string } | { error: string } {
  if (typeof input === 'number' && !Number.isFinite(input)) return { error: 'must be a number' };
  const text = typeof input === 'number' ? String(input) : input.trim();
  if (/^-\d/.test(text) && !/^-0*(?:\.0*)?$/.test(text)) return { error: 'must not be negative' };
  const m = MONEY_RE.exec(text.replace(/^-/, ''));
  if (!m) {
    if (/^\d+\.\d{3,}$/.test(text)) return { error: 'must have at most 2 decimal places' };
    if (/^\d{11,}(?:\.\d*)?$/.test(text)) return { error: 'must be below 10,000,000,000' };
    return { error: 'must be a decimal number such as "150.00"' };
  }
  const whole = m[1]!.replace(/^0+(?=\d)/, '');
  return { amount: `${whole}.${(m[2] ?? '').padEnd(2, '0')}` };
}

const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

export const isCurrency = (code: string): boolean => CURRENCIES.has(code.toUpperCase());

/** LOINC codes end in a mod-10 (Luhn) check digit over the digits before the dash. */
export function isLoinc(code: string): boolean {
  const m = /^(\d{1,7})-(\d)$/.exec(code);
  if (!m) return false;
  const digits = m[1]!;
  let sum = 0;
  // From the right: every other digit doubled, starting with the rightmost.
  for (let i = 0; i < digits.length; i++) {
    const d = Number(digits[digits.length - 1 - i]) * (i % 2 === 0 ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  }
  return (10 - (sum % 10)) % 10 === Number(m[2]);
}

/** Keys whose values differ between two versions of an entry's content, in key order. */
export function changedFields(before: object, after: object): string[] {
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.filter((k) => JSON.stringify(a[k] ?? null) !== JSON.stringify(b[k] ?? null));
}

const checked = <T>(violations: Violation[], value: () => T): Checked<T> =>
  violations.length > 0 ? { ok: false, violations } : { ok: true, value: value() };

export function checkEncounter(
  input: { occurredAt: string; reason?: string | null | undefined },
  at: string,
  ctx: RuleContext,
): Checked<EncounterContent> {
  return checked(checkWhen(input.occurredAt, `${at}.occurredAt`, ctx), () => ({
    occurredAt: new Date(input.occurredAt).toISOString(),
    reason: input.reason ?? null,
  }));
}

/** The code must be a billable FY2026 code; the text defaults to its official description. */
export function checkDiagnosis(
  input: DiagnosisInput,
  at: string,
  ctx: RuleContext,
): Checked<DiagnosisContent> {
  const code = normalizeIcd10Code(input.code);
  const official = code === undefined ? undefined : ctx.icd.get(code);
  if (code === undefined || official === undefined) {
    const message = 'must be a billable ICD-10-CM FY2026 code (search them at GET /api/v1/icd10)';
    return { ok: false, violations: [{ code: 'icd10.unknown_code', path: `${at}.code`, message }] };
  }
  return { ok: true, value: { code: formatIcd10Code(code), text: input.text ?? official } };
}

export function checkPrescription(input: PrescriptionInput): Checked<PrescriptionContent> {
  return {
    ok: true,
    value: {
      medication: input.medication,
      dose: input.dose,
      route: input.route,
      frequency: input.frequency,
      durationDays: input.durationDays ?? null,
      instructions: input.instructions ?? null,
    },
  };
}

export const checkNote = (input: NoteInput): Checked<NoteContent> => ({
  ok: true,
  value: { body: input.body },
});

export function checkBillingLine(input: BillingLineInput, at: string): Checked<BillingLineContent> {
  const amount = parseAmount(input.amount);
  const violations: Violation[] = [];
  if ('error' in amount)
    violations.push({ code: 'billing.invalid_amount', path: `${at}.amount`, message: amount.error });
  if (!isCurrency(input.currency))
    violations.push({
      code: 'billing.unknown_currency',
      path: `${at}.currency`,
      message: 'must be an ISO 4217 currency code, e.g. BRL',
    });
  return checked(violations, () => ({
    description: input.description,
    amount: (amount as { amount: string }).amount,
    currency: input.currency.toUpperCase(),
  }));
}

export const unitOf = (loinc: string | null | undefined): LoincTest | undefined =>
  loinc ? LOINC_UNITS.get(loinc) : undefined;

/** The unit as the test spells it (`mg/dl` → `mg/dL`), or undefined when the test is not reported in it. */
const canonicalUnit = (test: LoincTest, unit: string) =>
  test.units.find((u) => u.toLowerCase() === unit.toLowerCase());

const mismatch = (path: string, message: string): Violation => ({ code: 'lab.unit_mismatch', path, message });

/** Measured values come with a unit (the test's, when the LOINC code is known); text results without. */
function valueViolations(input: LabResultInput, at: string): Violation[] {
  const test = unitOf(input.loinc);
  const named = input.loinc && test ? `LOINC ${input.loinc} (${test.name})` : '';
  const ranged = (input.referenceLow ?? input.referenceHigh ?? null) !== null;
  if (typeof input.value === 'number') {
    if (!input.unit) return [mismatch(`${at}.unit`, 'a numeric result needs its unit')];
    if (test && !canonicalUnit(test, input.unit))
      return [mismatch(`${at}.unit`, `${named} is reported in ${test.units.join(' or ')}`)];
    return [];
  }
  const out: Violation[] = [];
  if (input.unit)
    out.push(mismatch(`${at}.unit`, 'a text result has no unit: send a measured value as a JSON number'));
  if (test) out.push({ code: 'lab.value_mismatch', path: `${at}.value`, message: `${named} is a number` });
  if (ranged)
    out.push({
      code: 'lab.range_invalid',
      path: `${at}.referenceLow`,
      message: 'a text result has no range',
    });
  return out;
}

const flagMismatch = (path: string, outside: boolean): Violation => ({
  code: 'lab.abnormal_mismatch',
  path,
  message: `the value is ${outside ? 'outside' : 'inside'} its reference range`,
});

/** Outside the reference range means abnormal; undefined when there is no numeric value and range. */
export function abnormalOf(value: number | string, low?: number | null, high?: number | null) {
  if (typeof value !== 'number' || ((low ?? null) === null && (high ?? null) === null)) return undefined;
  return (low != null && value < low) || (high != null && value > high);
}

export function checkLabResult(
  input: LabResultInput,
  at: string,
  ctx: RuleContext,
  defaultObservedAt: string,
): Checked<LabResultContent> {
  const observedAt = input.observedAt ?? defaultObservedAt;
  const { referenceLow: low = null, referenceHigh: high = null } = input;
  const violations = valueViolations(input, at);
  if (input.loinc && !isLoinc(input.loinc))
    violations.push({
      code: 'lab.invalid_loinc',
      path: `${at}.loinc`,
      message: 'must be a LOINC code, e.g. 2345-7',
    });
  if (low !== null && high !== null && low > high)
    violations.push({
      code: 'lab.range_invalid',
      path: `${at}.referenceHigh`,
      message: 'must not be below referenceLow',
    });
  const computed = abnormalOf(input.value, low, high);
  if (computed !== undefined && input.abnormal != null && input.abnormal !== computed)
    violations.push(flagMismatch(`${at}.abnormal`, computed));
  violations.push(...checkWhen(observedAt, `${at}.observedAt`, ctx));
  const test = unitOf(input.loinc);
  return checked(violations, () => ({
    test: input.test,
    loinc: input.loinc ?? null,
    value: input.value,
    unit: input.unit ? ((test && canonicalUnit(test, input.unit)) ?? input.unit) : null,
    referenceLow: low,
    referenceHigh: high,
    abnormal: computed ?? input.abnormal ?? null,
    observedAt: new Date(observedAt).toISOString(),
  }));
}

/** An encounter documents a visit of the same patient that took place (not cancelled, not missed). */
export function checkVisitLink(
  visit: { patientId: string; status: string } | undefined,
  patientId: string,
  at: string,
): Violation[] {
  if (visit?.patientId !== patientId)
    return [
      {
        code: 'encounter.appointment_mismatch',
        path: at,
        message: "must be one of this patient's appointments",
      },
    ];
  if (visit.status === 'cancelled' || visit.status === 'no_show')
    return [
      { code: 'encounter.appointment_not_attended', path: at, message: `the appointment is ${visit.status}` },
    ];
  return [];
}
