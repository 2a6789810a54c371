import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../core/errors.ts';
import { deriveSizes, parseGenerateFlags, type GenerateFlags } from './options.ts';

function failure(flags: GenerateFlags): string {
  try {
    parseGenerateFlags(flags);
  } catch (err) {
    if (isAppError(err)) return `${err.code}: ${err.detail ?? ''}`;
    throw err;
  }
  throw new Error('accepted');
}

describe('generate options', () => {
  it('fills in the defaults: 10,000 patients, seed 1, 2025 for a year, CSV', () => {
    expect(parseGenerateFlags({ out: 'data' })).toEqual({
      out: 'data',
      format: 'csv',
      patients: 10_000,
      doctors: 20,
      clinics: 2,
      seed: 1,
      start: { year: 2025, month: 1, day: 1 },
      days: 365,
    });
  });

  it('takes every flag as typed', () => {
    const flags = {
      out: 'x',
      patients: '1000000',
      seed: '42',
      start: '2016-04-29',
      days: '30',
      format: 'parquet',
    };
    expect(parseGenerateFlags(flags)).toMatchObject({
      patients: 1_000_000,
      doctors: 2000,
      seed: 42,
      start: { year: 2016, month: 4, day: 29 },
      days: 30,
      format: 'parquet',
    });
    expect(parseGenerateFlags({ out: 'x', doctors: '30', clinics: '3' })).toMatchObject({
      doctors: 30,
      clinics: 3,
    });
  });

  it.each([
    [{}, '--out is required'],
    [{ out: '  ' }, '--out is required'],
    [{ out: 'x', patients: '0' }, '--patients must be a whole number from 1 to 10,000,000 (got "0")'],
    [{ out: 'x', patients: '2.5' }, '--patients must be a whole number'],
    [{ out: 'x', patients: '1e6' }, '--patients must be a whole number'],
    [{ out: 'x', patients: '-3' }, '--patients must be a whole number'],
    [{ out: 'x', patients: '20000000' }, '--patients must be a whole number'],
    [{ out: 'x', seed: 'abc' }, '--seed must be a whole number from 0 to 4,294,967,295 (got "abc")'],
    [{ out: 'x', start: '2025-02-30' }, '--start must be a calendar date YYYY-MM-DD'],
    [{ out: 'x', start: '01/02/2025' }, '--start must be a calendar date YYYY-MM-DD'],
    [{ out: 'x', days: '0' }, '--days must be a whole number from 1 to 3,660'],
    [{ out: 'x', format: 'xlsx' }, '--format must be csv or parquet (got "xlsx")'],
    [{ out: 'x', doctors: '3', clinics: '5' }, '--clinics must not exceed the number of doctors (3)'],
  ] satisfies [GenerateFlags, string][])('refuses %o naming the flag', (flags, message) => {
    const text = failure(flags);
    expect(text.startsWith('generate.invalid_option: ')).toBe(true);
    expect(text).toContain(message);
  });

  it('derives 8–15 doctors per clinic and about one doctor per 500 patients for any size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), (patients) => {
        const { doctors, clinics } = deriveSizes(patients);
        expect(doctors).toBe(Math.max(8, Math.round(patients / 500)));
        expect(doctors / clinics).toBeGreaterThanOrEqual(8);
        expect(doctors / clinics).toBeLessThanOrEqual(15);
      }),
      { numRuns: 500 },
    );
  });
});
