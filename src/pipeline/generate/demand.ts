/**
 * Expected share of visits per specialty for a population drawn from the census pyramid with the chronic
 * prevalences by age: computed exactly (a sum over ages, sexes and conditions), not sampled, so the doctor
 * mix does not depend on the seed. Pure.
 */
import { DIABETES, HYPERTENSION, PYRAMID } from './population.ts';
import { PROFILES, ageClassOf, profileIndex } from './profiles.ts';
import { SPECIALTIES, visitsPerYear } from './specialties.ts';

const BAND_YEARS = 5;

/** Probability of each profile in the population. */
export function profileShares(): Float64Array {
  const shares = new Float64Array(PROFILES.length);
  for (const cell of PYRAMID) {
    for (let age = cell.fromAge; age < cell.fromAge + BAND_YEARS; age++) {
      const p = cell.share / BAND_YEARS;
      const hyp = HYPERTENSION[age] ?? 0;
      const dia = DIABETES[age] ?? 0;
      const ageClass = ageClassOf(age);
      for (const h of [false, true]) {
        for (const d of [false, true]) {
          const index = profileIndex(ageClass, cell.sex, h, d);
          shares[index] = (shares[index] ?? 0) + p * (h ? hyp : 1 - hyp) * (d ? dia : 1 - dia);
        }
      }
    }
  }
  return shares;
}

export function expectedDemandShares(): number[] {
  const totals = SPECIALTIES.map(() => 0);
  profileShares().forEach((share, index) => {
    const profile = PROFILES[index];
    if (!profile || share === 0) return;
    const weights = SPECIALTIES.map((s) => s.demand(profile));
    const sum = weights.reduce((a, b) => a + b, 0);
    const visits = share * visitsPerYear(profile);
    weights.forEach((w, s) => (totals[s] = (totals[s] ?? 0) + (visits * w) / sum));
  });
  const all = totals.reduce((a, b) => a + b, 0);
  return totals.map((t) => t / all);
}
