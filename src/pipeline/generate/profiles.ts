/**
 * A patient profile: the few traits (age class, sex, hypertension, diabetes) that decide which
 * specialties, reasons and diagnoses fit a visit. Tables are precomputed per profile, so the hot loop only
 * looks them up. Pure.
 */
import type { Sex } from './population.ts';

/** Age classes, chosen so every age rule in the tables falls on a boundary. */
export const AGE_CLASSES: readonly (readonly [number, number])[] = [
  [0, 11],
  [12, 17],
  [18, 39],
  [40, 59],
  [60, 74],
  [75, 200],
];

export const PROFILE_COUNT = AGE_CLASSES.length * 8;

export type Condition = 'hypertension' | 'diabetes';

export interface Profile {
  readonly ageClass: number;
  readonly minAge: number;
  readonly maxAge: number;
  readonly sex: Sex;
  readonly hypertension: boolean;
  readonly diabetes: boolean;
}

/** Who a specialty, reason or diagnosis is for; every field optional (absent = anyone). */
export interface Eligibility {
  readonly minAge?: number;
  readonly maxAge?: number;
  readonly sex?: Sex;
  /** Only for patients who have the condition (e.g. a diabetes follow-up). */
  readonly requires?: Condition;
  /** Only for patients who do not have it (e.g. "prediabetes" is not coded for a diabetic). */
  readonly without?: Condition;
}

export function ageClassOf(age: number): number {
  let index = 0;
  while (index < AGE_CLASSES.length - 1 && age > (AGE_CLASSES[index]?.[1] ?? 0)) index++;
  return index;
}

/** Profile number, 0 … PROFILE_COUNT − 1. */
export function profileIndex(ageClass: number, sex: Sex, hypertension: boolean, diabetes: boolean): number {
  return ((ageClass * 2 + (sex === 'F' ? 1 : 0)) * 2 + (hypertension ? 1 : 0)) * 2 + (diabetes ? 1 : 0);
}

export const PROFILES: readonly Profile[] = Array.from({ length: PROFILE_COUNT }, (_, index) => {
  const ageClass = index >> 3;
  const [minAge, maxAge] = AGE_CLASSES[ageClass] ?? [0, 0];
  return {
    ageClass,
    minAge,
    maxAge,
    sex: index & 4 ? 'F' : 'M',
    hypertension: (index & 2) !== 0,
    diabetes: (index & 1) !== 0,
  };
});

const has = (profile: Profile, condition: Condition): boolean =>
  condition === 'hypertension' ? profile.hypertension : profile.diabetes;

/** True when the whole age class lies inside the rule's ages and every other condition holds. */
export function fits(profile: Profile, rule: Eligibility): boolean {
  if (rule.minAge !== undefined && profile.minAge < rule.minAge) return false;
  if (rule.maxAge !== undefined && profile.maxAge > rule.maxAge) return false;
  if (rule.sex !== undefined && profile.sex !== rule.sex) return false;
  if (rule.requires !== undefined && !has(profile, rule.requires)) return false;
  return rule.without === undefined || !has(profile, rule.without);
}
