import { describe, expect, it } from 'vitest';
import {
  abnormalOf,
  changedFields,
  checkBillingLine,
  checkDiagnosis,
  checkLabResult,
  checkVisitLink,
  checkWhen,
  isCurrency,
  isLoinc,
  parseAmount,
  type RuleContext,
} from './rules.ts';

const ctx: RuleContext = {
  now: new Date('2026-06-01T12:00:00Z'),
  birthDate: '1980-02-03',
  icd: new Map([
    ['E119', 'Type 2 diabetes mellitus without complications'],
    ['QA00101', 'SCN2A-related neurodevelopmental disorder'],
  ]),
};
const AT = '2026-05-20T10:00:00.000Z';
const paths = (r: { ok: boolean; violations?: { path: string; code: string }[] }) =>
  r.ok ? [] : (r.violations ?? []).map((v) => `${v.code} ${v.path}`);

describe('amounts of money', () => {
  it.each([
    ['150', '150.00'],
    ['150.5', '150.50'],
    ['0.1', '0.10'],
    [' 007.25 ', '7.25'],
    [80.5, '80.50'],
    [0, '0.00'],
    ['-0.00', '0.00'],
    ['9999999999.99', '9999999999.99'],
  ])('%j is exactly %s', (input, amount) => {
    expect(parseAmount(input)).toEqual({ amount });
  });

  it.each([
    ['-5', 'must not be negative'],
    [-0.01, 'must not be negative'],
    ['12,50', 'must be a decimal number such as "150.00"'],
    ['abc', 'must be a decimal number such as "150.00"'],
    ['', 'must be a decimal number such as "150.00"'],
    ['1e3', 'must be a decimal number such as "150.00"'],
    ['1.005', 'must have at most 2 decimal places'],
    [0.1 + 0.2, 'must have at most 2 decimal places'],
    ['12345678901', 'must be below 10,000,000,000'],
    [Number.NaN, 'must be a number'],
  ])('%j is refused: %s', (input, error) => {
    expect(parseAmount(input)).toEqual({ error });
  });

  it('knows ISO 4217 currencies in any case', () => {
    expect([isCurrency('BRL'), isCurrency('usd'), isCurrency('XYZ'), isCurrency('EU')]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  it('names both fields of a bad billing line', () => {
    const r = checkBillingLine({ description: 'Fee', amount: '-1', currency: 'ABC' }, 'body.billingLines.0');
    expect(paths(r)).toEqual([
      'billing.invalid_amount body.billingLines.0.amount',
      'billing.unknown_currency body.billingLines.0.currency',
    ]);
  });
});

describe('LOINC check digits (mod 10)', () => {
  it.each(['2345-7', '718-7', '4548-4', '2160-0', '13457-7', '777-3'])('accepts %s', (code) => {
    expect(isLoinc(code)).toBe(true);
  });
  it.each(['2345-8', '2345', '12345678-1', 'A345-7', '2345-77'])('refuses %s', (code) => {
    expect(isLoinc(code)).toBe(false);
  });
});

describe('lab results', () => {
  const glucose = {
    test: 'Glucose',
    loinc: '2345-7',
    value: 131,
    unit: 'mg/dl',
    referenceLow: 70,
    referenceHigh: 99,
  };

  it('flag values outside their reference range and spell the unit as the test does', () => {
    const r = checkLabResult(glucose, 'at', ctx, AT);
    expect(r).toMatchObject({ ok: true, value: { unit: 'mg/dL', abnormal: true, observedAt: AT } });
    expect([
      abnormalOf(70, 70, 99),
      abnormalOf(69.9, 70, 99),
      abnormalOf(5, null, 4),
      abnormalOf('pos', 1, 2),
    ]).toEqual([false, true, true, undefined]);
  });

  it('keep a qualitative result without unit, range or computed flag', () => {
    const r = checkLabResult({ test: 'Culture', value: 'Positive', abnormal: true }, 'at', ctx, AT);
    expect(r).toMatchObject({ ok: true, value: { value: 'Positive', unit: null, abnormal: true } });
  });

  it.each([
    ['no unit', { ...glucose, unit: null }, ['lab.unit_mismatch at.unit']],
    ['a unit the test is not reported in', { ...glucose, unit: 'mmol/mol' }, ['lab.unit_mismatch at.unit']],
    ['text with a unit', { test: 'X', value: 'high', unit: 'mg' }, ['lab.unit_mismatch at.unit']],
    [
      'text for a measured test',
      { ...glucose, value: 'high', unit: null },
      ['lab.value_mismatch at.value', 'lab.range_invalid at.referenceLow'],
    ],
    ['an upside-down range', { ...glucose, referenceLow: 100 }, ['lab.range_invalid at.referenceHigh']],
    ['a flag against the range', { ...glucose, abnormal: false }, ['lab.abnormal_mismatch at.abnormal']],
    ['a bad LOINC code', { ...glucose, loinc: '2345-1' }, ['lab.invalid_loinc at.loinc']],
    [
      'a future observation',
      { ...glucose, observedAt: '2026-06-02T00:00:00Z' },
      ['record.future_date at.observedAt'],
    ],
  ])('refuse %s', (_what, input, expected) => {
    expect(paths(checkLabResult(input, 'at', ctx, AT))).toEqual(expected);
  });
});

describe('dates and links', () => {
  it('allow a few minutes of clock skew, not a future date or one before birth', () => {
    expect(checkWhen('2026-06-01T12:04:00Z', 'p', ctx)).toEqual([]);
    expect(checkWhen('2026-06-01T12:06:00Z', 'p', ctx).map((v) => v.code)).toEqual(['record.future_date']);
    expect(checkWhen('1980-02-03T01:00:00-03:00', 'p', ctx)).toEqual([]);
    expect(checkWhen('1980-01-31T00:00:00Z', 'p', ctx).map((v) => v.code)).toEqual(['record.before_birth']);
  });

  it('link an encounter only to an attended visit of the same patient', () => {
    expect(checkVisitLink({ patientId: 'p1', status: 'completed' }, 'p1', 'a')).toEqual([]);
    expect(checkVisitLink({ patientId: 'p1', status: 'checked_in' }, 'p1', 'a')).toEqual([]);
    expect(checkVisitLink({ patientId: 'p2', status: 'completed' }, 'p1', 'a')[0]?.code).toBe(
      'encounter.appointment_mismatch',
    );
    expect(checkVisitLink(undefined, 'p1', 'a')[0]?.code).toBe('encounter.appointment_mismatch');
    expect(checkVisitLink({ patientId: 'p1', status: 'no_show' }, 'p1', 'a')[0]?.code).toBe(
      'encounter.appointment_not_attended',
    );
  });
});

describe('diagnoses', () => {
  it('take any spelling of a known code and its official text by default', () => {
    expect(checkDiagnosis({ code: ' e11.9 ' }, 'd', ctx)).toEqual({
      ok: true,
      value: { code: 'E11.9', text: 'Type 2 diabetes mellitus without complications' },
    });
    expect(checkDiagnosis({ code: 'QA0.0101', text: 'SCN2A' }, 'd', ctx)).toMatchObject({
      ok: true,
      value: { code: 'QA0.0101' },
    });
  });

  it.each(['E11', 'E11.99', 'E1.19', '', 'drop table'])('refuse %j', (code) => {
    expect(paths(checkDiagnosis({ code }, 'd', ctx))).toEqual(['icd10.unknown_code d.code']);
  });
});

describe('what an amendment changed', () => {
  it('lists differing fields, treating a missing field as null', () => {
    expect(changedFields({ a: 1, b: 'x', c: null }, { a: 1, b: 'y', d: null })).toEqual(['b']);
    expect(changedFields({ v: [1, 2] }, { v: [1, 2] })).toEqual([]);
  });
});
