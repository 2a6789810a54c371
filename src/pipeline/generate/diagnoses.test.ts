import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { REASONS_BY_SPECIALTY } from '../../server/demo/catalog.ts';
import { CHRONIC, REASONS, type Diagnosis } from './diagnoses.ts';
import { PROFILES, fits } from './profiles.ts';
import { SPECIALTIES } from './specialties.ts';

/** The CMS ICD-10-CM FY2026 code set with descriptions (../shared/data/icd10cm, see its SOURCE.md). */
const ICD_FILE = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  '..',
  'shared',
  'data',
  'icd10cm',
  'icd10cm_codes_2026_desc.derived.txt.gz',
);
const official = new Map(
  gunzipSync(readFileSync(ICD_FILE))
    .toString('ascii')
    .split('\n')
    .filter(Boolean)
    .map((line) => [line.slice(0, 7).trim(), line.slice(8)] as const),
);

const all: Diagnosis[] = [
  ...Object.values(REASONS)
    .flat()
    .flatMap((r) => r.diagnoses),
  ...Object.values(CHRONIC),
];

describe('diagnoses', () => {
  it('uses only billable ICD-10-CM FY2026 codes, with their official descriptions', () => {
    expect(official.size).toBe(74_719);
    const wrong = all.filter((d) => official.get(d.code.replace('.', '')) !== d.description);
    expect(wrong.map((d) => `${d.code} ${d.description}`)).toEqual([]);
    for (const d of all) expect(d.code).toMatch(/^[A-Z]\d[0-9A-Z](\.[0-9A-Z]{1,4})?$/);
  });

  it('gives one code one description and one work-up price, always above zero', () => {
    const seen = new Map<string, Diagnosis>();
    for (const d of all) {
      const first = seen.get(d.code) ?? d;
      seen.set(d.code, first);
      expect([d.description, d.feeCents], d.code).toEqual([first.description, first.feeCents]);
      expect(d.feeCents, d.code).toBeGreaterThan(0);
    }
  });

  it('covers every specialty and every booking reason the app offers, with at least one code each', () => {
    expect(Object.keys(REASONS).sort()).toEqual(SPECIALTIES.map((s) => s.name).sort());
    for (const [specialty, reasons] of Object.entries(REASONS_BY_SPECIALTY)) {
      expect(
        REASONS[specialty]?.map((r) => r.text),
        specialty,
      ).toEqual(reasons);
    }
    for (const reason of Object.values(REASONS).flat()) expect(reason.diagnoses.length).toBeGreaterThan(0);
  });

  it('has a fitting reason and diagnosis for every kind of patient a specialty sees', () => {
    for (const specialty of SPECIALTIES) {
      for (const profile of PROFILES) {
        if (specialty.demand(profile) === 0) continue;
        const usable = (REASONS[specialty.name] ?? []).filter(
          (r) => fits(profile, r) && r.diagnoses.some((d) => fits(profile, d)),
        );
        expect(usable.length, `${specialty.name} ${JSON.stringify(profile)}`).toBeGreaterThan(0);
      }
    }
  });
});
