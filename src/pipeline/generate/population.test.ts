import { describe, expect, it } from 'vitest';
import { FEMALE_NAMES, MALE_NAMES, NEIGHBOURHOODS, SURNAMES } from '../../server/demo/catalog.ts';
import { createRandom } from '../../server/demo/random.ts';
import { CENSUS_2022, DIABETES_BY_AGE, HYPERTENSION_BY_AGE, PYRAMID, drawPyramidCell } from './population.ts';
import { generateSample, settings, type Row } from './test-support.ts';

/** 20,000 patients over a short period: many people, few appointments, quick to make. */
const { rows } = generateSample(settings({ patients: 20_000, days: 30 }));
const share = (list: readonly Row[], test: (r: Row) => boolean): number =>
  list.filter(test).length / list.length;
const age = (r: Row): number => Number(r.Age);

describe('population: the census pyramid', () => {
  it('transcribes Brazil’s 2022 census: the bands add up to the published totals', () => {
    const women = CENSUS_2022.reduce((sum, [, f]) => sum + f, 0);
    const men = CENSUS_2022.reduce((sum, [, , m]) => sum + m, 0);
    expect([women, men, women + men]).toEqual([104_548_325, 98_532_431, 203_080_756]);
  });

  it('draws age band and sex in the census proportions (chi-square, 41 degrees of freedom)', () => {
    const random = createRandom(11);
    const n = 50_000;
    const counts = new Array<number>(PYRAMID.length).fill(0);
    for (let i = 0; i < n; i++) counts[drawPyramidCell(random)]! += 1;
    const chiSquare = PYRAMID.reduce(
      (sum, cell, i) => sum + (counts[i]! - n * cell.share) ** 2 / (n * cell.share),
      0,
    );
    expect(chiSquare).toBeLessThan(74.7); // the 0.1 % critical value
  });

  it('gives the generated patients the census shape: 51.5 % women, ~20 % children, ~11 % over 65', () => {
    expect(share(rows.patients, (p) => p.Gender === 'F')).toBeCloseTo(0.515, 1);
    expect(share(rows.patients, (p) => age(p) < 15)).toBeCloseTo(0.198, 1);
    expect(share(rows.patients, (p) => age(p) >= 65)).toBeCloseTo(0.109, 1);
    const sorted = rows.patients.map(age).sort((a, b) => a - b);
    expect(sorted[sorted.length >> 1]).toBeGreaterThanOrEqual(33); // the census median is 35
    expect(sorted[sorted.length >> 1]).toBeLessThanOrEqual(37);
  });

  it('writes birth dates that give each patient their Age on the first day', () => {
    const wrong = rows.patients.filter((p) => {
      const [y, m, d] = p.BirthDate!.split('-').map(Number) as [number, number, number];
      const years = 2025 - y - (m > 1 || (m === 1 && d > 1) ? 1 : 0);
      return years !== age(p);
    });
    expect(wrong).toEqual([]);
  });
});

describe('population: conditions', () => {
  const prevalence = (column: string, from: number, to: number): number =>
    share(
      rows.patients.filter((p) => age(p) >= from && age(p) <= to),
      (p) => p[column] === '1',
    );

  it('makes hypertension and diabetes rise with age, close to the survey rates', () => {
    const bands = [
      [0, 17],
      [18, 39],
      [40, 59],
      [60, 120],
    ] as const;
    for (const column of ['Hipertension', 'Diabetes']) {
      const rates = bands.map(([from, to]) => prevalence(column, from, to));
      expect(rates, column).toEqual([...rates].sort((a, b) => a - b));
      expect(rates[3]! - rates[0]!, column).toBeGreaterThan(0.15);
    }
    const target = (steps: typeof HYPERTENSION_BY_AGE, from: number) => steps.find(([f]) => f === from)![1];
    expect(prevalence('Hipertension', 65, 120)).toBeCloseTo(target(HYPERTENSION_BY_AGE, 65), 1);
    expect(prevalence('Hipertension', 45, 54)).toBeCloseTo(target(HYPERTENSION_BY_AGE, 45), 1);
    expect(prevalence('Diabetes', 65, 120)).toBeCloseTo(target(DIABETES_BY_AGE, 65), 1);
  });

  it('keeps the other attributes near the source data: ~10 % Bolsa Família, ~3 % alcoholism, handicap 0–4', () => {
    expect(share(rows.patients, (p) => p.Scholarship === '1')).toBeCloseTo(0.1, 1);
    expect(share(rows.patients, (p) => p.Alcoholism === '1')).toBeCloseTo(0.03, 1);
    expect(rows.patients.filter((p) => age(p) < 18 && p.Alcoholism === '1')).toEqual([]);
    const handicaps = new Set(rows.patients.map((p) => p.Handcap));
    expect([...handicaps].every((h) => ['0', '1', '2', '3', '4'].includes(h ?? ''))).toBe(true);
    expect(share(rows.patients, (p) => p.Handcap !== '0')).toBeGreaterThan(0.01);
    expect(share(rows.patients, (p) => p.Handcap !== '0')).toBeLessThan(0.04);
  });
});

describe('population: names and places', () => {
  it('names people from Brazilian name lists, common names more often, never the same family name twice', () => {
    const surnames = new Map<string, number>();
    const first = { F: new Set(FEMALE_NAMES), M: new Set(MALE_NAMES) };
    const family = new Set(SURNAMES);
    const odd = rows.patients.filter((p) => {
      const [given = '', mother = '', father = '', ...rest] = p.Name!.split(' ');
      surnames.set(mother, (surnames.get(mother) ?? 0) + 1);
      const names = p.Gender === 'F' ? first.F : first.M;
      return (
        rest.length > 0 ||
        !names.has(given) ||
        !family.has(mother) ||
        !family.has(father) ||
        mother === father
      );
    });
    expect(odd).toEqual([]);
    expect(surnames.get('Silva')).toBeGreaterThan(3 * (surnames.get(SURNAMES[SURNAMES.length - 1]!) ?? 0));
  });

  it('places homes and clinics in Vitória’s neighbourhoods, near their centres', () => {
    const centres = new Map(NEIGHBOURHOODS.map((n) => [n.name, n]));
    for (const place of [...rows.patients, ...rows.clinics]) {
      const centre = centres.get(place.Neighbourhood!);
      expect(centre, place.Neighbourhood).toBeDefined();
      expect(Math.abs(Number(place.Latitude) - centre!.latitude)).toBeLessThanOrEqual(0.0041);
      expect(Math.abs(Number(place.Longitude) - centre!.longitude)).toBeLessThanOrEqual(0.0041);
    }
    expect(new Set(rows.patients.map((p) => p.Neighbourhood)).size).toBe(NEIGHBOURHOODS.length);
  });

  it('registers patients at a clinic near home more often than chance', () => {
    expect(rows.clinics.length).toBeGreaterThan(2);
    const distance = (a: Row, b: Row) =>
      Math.hypot(Number(a.Latitude) - Number(b.Latitude), Number(a.Longitude) - Number(b.Longitude));
    let home = 0;
    let average = 0;
    let atNearest = 0;
    for (const p of rows.patients) {
      const ranked = rows.clinics
        .map((c) => [distance(p, c), c.ClinicID] as const)
        .sort((a, b) => a[0] - b[0]);
      if (ranked[0]?.[1] === p.ClinicID) atNearest++;
      home += ranked.find(([, id]) => id === p.ClinicID)?.[0] ?? Infinity;
      average += ranked.reduce((sum, [d]) => sum + d, 0) / ranked.length;
    }
    expect(home).toBeLessThan(0.95 * average);
    expect(atNearest / rows.patients.length).toBeGreaterThan(1.25 / rows.clinics.length);
  });
});
