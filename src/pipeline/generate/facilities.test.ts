import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../server/demo/random.ts';
import { expectedDemandShares } from './demand.ts';
import { clinicSizes, seatSpecialties, specialtyCounts } from './facilities.ts';
import { GENERAL_PRACTICE_INDEX, SPECIALTIES } from './specialties.ts';

const shares = expectedDemandShares();

describe('facilities', () => {
  it('expects most visits in general practice, then paediatrics, and some for every specialty', () => {
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    const ranked = SPECIALTIES.map((s, i) => [s.name, shares[i]!] as const).sort((a, b) => b[1] - a[1]);
    expect(ranked.slice(0, 2).map(([name]) => name)).toEqual(['General Practice', 'Pediatrics']);
    for (const share of shares) expect(share).toBeGreaterThan(0.01);
  });

  it('hires doctors in proportion to visits × consultation length, one general practitioner per clinic at least', () => {
    fc.assert(
      fc.property(fc.integer({ min: 8, max: 20_000 }), (doctors) => {
        const clinics = Math.max(1, Math.round(doctors / 11.5));
        const counts = specialtyCounts(shares, doctors, clinics);
        expect(counts.reduce((a, b) => a + b, 0)).toBe(doctors);
        expect(counts[GENERAL_PRACTICE_INDEX]).toBeGreaterThanOrEqual(clinics);
        if (doctors >= 1000) {
          const weights = SPECIALTIES.map((s, i) => shares[i]! * s.slotMinutes);
          const total = weights.reduce((a, b) => a + b, 0);
          counts.forEach((count, i) => expect(count / doctors).toBeCloseTo(weights[i]! / total, 2));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('spreads each specialty over the clinics instead of piling it into a few', () => {
    const random = createRandom(1);
    const sizes = clinicSizes(random, 2000, 174);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(2000);
    for (const size of sizes) expect(size).toBeGreaterThanOrEqual(8);
    for (const size of sizes) expect(size).toBeLessThanOrEqual(15);
    const seats = seatSpecialties(specialtyCounts(shares, 2000, 174), sizes);
    for (const [c, clinic] of seats.entries()) {
      expect(clinic.length).toBe(sizes[c]);
      expect(clinic).toContain(GENERAL_PRACTICE_INDEX);
    }
    SPECIALTIES.forEach((_, s) => {
      const most = Math.max(...seats.map((clinic) => clinic.filter((x) => x === s).length));
      const total = seats.flat().filter((x) => x === s).length;
      expect(most, SPECIALTIES[s]!.name).toBeLessThanOrEqual(Math.ceil(total / seats.length) + 3);
    });
  });
});
