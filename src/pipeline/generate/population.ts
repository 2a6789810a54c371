/**
 * Who the patients are: age and sex from a real population pyramid, and the chronic conditions and welfare
 * enrolment that go with an age. Fact tables written by hand, with their sources; pure.
 */
import type { Random } from '../../server/demo/random.ts';

export type Sex = 'F' | 'M';

/**
 * Brazil, Censo Demográfico 2022 (IBGE), resident population by five-year age group and sex:
 * `[first age of the band, women, men]`. The columns sum to the census totals (104,548,325 women,
 * 98,532,431 men; 203,080,756 people), which population.test.ts checks. The last band is "100 or more";
 * the generator spreads it over 100–104.
 */
export const CENSUS_2022: readonly (readonly [number, number, number])[] = [
  [0, 6_243_171, 6_461_689],
  [5, 6_738_158, 7_011_282],
  [10, 6_682_215, 6_992_746],
  [15, 7_058_427, 7_317_515],
  [20, 7_699_157, 7_767_306],
  [25, 7_842_265, 7_627_458],
  [30, 7_935_832, 7_537_285],
  [35, 8_345_458, 7_827_333],
  [40, 8_291_111, 7_781_059],
  [45, 7_091_003, 6_549_109],
  [50, 6_584_190, 6_014_391],
  [55, 6_149_601, 5_419_505],
  [60, 5_338_555, 4_605_834],
  [65, 4_288_180, 3_588_052],
  [70, 3_243_186, 2_615_350],
  [75, 2_189_593, 1_657_786],
  [80, 1_465_178, 1_009_852],
  [85, 835_554, 493_649],
  [90, 385_388, 194_341],
  [95, 114_859, 50_319],
  [100, 27_244, 10_570],
];

export const MAX_AGE = 104;

/** One cell of the pyramid: a band and a sex, with its share of the population. */
export interface PyramidCell {
  readonly fromAge: number;
  readonly sex: Sex;
  readonly share: number;
}

export const PYRAMID: readonly PyramidCell[] = (() => {
  const total = CENSUS_2022.reduce((sum, [, women, men]) => sum + women + men, 0);
  return CENSUS_2022.flatMap(([fromAge, women, men]) => [
    { fromAge, sex: 'F' as const, share: women / total },
    { fromAge, sex: 'M' as const, share: men / total },
  ]);
})();

const CUMULATIVE = (() => {
  const sums = new Float64Array(PYRAMID.length);
  let running = 0;
  PYRAMID.forEach((cell, i) => (sums[i] = running += cell.share));
  return sums;
})();

/** Index into PYRAMID drawn with the census weights (binary search over cumulative shares). */
export function drawPyramidCell(random: Random): number {
  const target = random.next() * (CUMULATIVE[CUMULATIVE.length - 1] ?? 1);
  let lo = 0;
  let hi = CUMULATIVE.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((CUMULATIVE[mid] ?? 0) > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Prevalence by age: `[first age, rate]` steps, the last step holding to MAX_AGE. */
type AgeSteps = readonly (readonly [number, number])[];

/**
 * Medically diagnosed hypertension, self-reported (Vigitel telephone survey, Ministério da Saúde, state
 * capitals): 18–24 ≈ 4 %, 25–34 ≈ 9 % (2012 edition), 45–54 ≈ 31 %, 55–64 ≈ 49 % (2021), 65+ ≈ 61 % (2017);
 * 35–44 interpolated; children and teenagers (not surveyed) set low by assumption.
 */
export const HYPERTENSION_BY_AGE: AgeSteps = [
  [0, 0.005],
  [18, 0.04],
  [25, 0.09],
  [35, 0.17],
  [45, 0.31],
  [55, 0.49],
  [65, 0.61],
];

/**
 * Medically diagnosed diabetes, self-reported (Pesquisa Nacional de Saúde 2013; Iser et al., Epidemiol.
 * Serv. Saúde 2015): 18–29 ≈ 0.6 %, 30–59 ≈ 5 % (split here as 3 % / 8 %), 60–64 ≈ 14.5 %, 65+ ≈ 20 %.
 */
export const DIABETES_BY_AGE: AgeSteps = [
  [0, 0.002],
  [18, 0.006],
  [30, 0.03],
  [45, 0.08],
  [60, 0.145],
  [65, 0.2],
];

/**
 * Bolsa Família enrolment ("Scholarship" in the source data, about 10 % of its patients): households with
 * children are enrolled more often, pensioners rarely.
 */
export const SCHOLARSHIP_BY_AGE: AgeSteps = [
  [0, 0.14],
  [18, 0.09],
  [65, 0.03],
];

/** Alcohol dependence among adults, higher in men; about 3 % of all patients, as in the source data. */
export const ALCOHOLISM_BY_SEX: Readonly<Record<Sex, AgeSteps>> = {
  F: [
    [0, 0],
    [18, 0.015],
  ],
  M: [
    [0, 0],
    [18, 0.05],
    [65, 0.03],
  ],
};

/** Number of disabilities 0–4 ("Handcap"): about 2 % have one or more, mostly one; more among the old. */
export const HANDICAP_SHARES: readonly number[] = [0, 0.0185, 0.0017, 0.00012, 0.00003];

/** Expands age steps into a rate for every age 0…MAX_AGE. */
export function ratesByAge(steps: AgeSteps): Float64Array {
  const rates = new Float64Array(MAX_AGE + 1);
  for (let age = 0; age <= MAX_AGE; age++) {
    for (const [from, rate] of steps) if (age >= from) rates[age] = rate;
  }
  return rates;
}

export const HYPERTENSION = ratesByAge(HYPERTENSION_BY_AGE);
export const DIABETES = ratesByAge(DIABETES_BY_AGE);
export const SCHOLARSHIP = ratesByAge(SCHOLARSHIP_BY_AGE);
export const ALCOHOLISM: Readonly<Record<Sex, Float64Array>> = {
  F: ratesByAge(ALCOHOLISM_BY_SEX.F),
  M: ratesByAge(ALCOHOLISM_BY_SEX.M),
};

/** 0–4 disabilities; the rates above scaled by age (half for children, double from 60). */
export function drawHandicap(random: Random, age: number): number {
  const factor = age < 18 ? 0.5 : age >= 60 ? 2 : 1;
  let u = random.next();
  for (let count = HANDICAP_SHARES.length - 1; count >= 1; count--) {
    const share = (HANDICAP_SHARES[count] ?? 0) * factor;
    if (u < share) return count;
    u -= share;
  }
  return 0;
}
