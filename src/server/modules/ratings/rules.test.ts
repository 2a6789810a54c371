import { describe, expect, it } from 'vitest';
import { canEdit, editableUntil, PRIOR_MEAN, PRIOR_WEIGHT, rateRefusal, summarize } from './rules.ts';

describe('the Bayesian average', () => {
  it('uses a documented prior of five 3-star ratings', () => {
    expect([PRIOR_MEAN, PRIOR_WEIGHT]).toEqual([3, 5]);
  });

  it('matches hand-computed examples', () => {
    // No ratings: the prior alone, (5·3) / 5 = 3.
    expect(summarize(0, 0)).toEqual({ count: 0, average: null, score: 3 });
    // One 5-star rating: (15 + 5) / (5 + 1) = 20 / 6 = 3.333… → 3.33.
    expect(summarize(1, 5)).toEqual({ count: 1, average: 5, score: 3.33 });
    // Scores 5, 4, 4: mean 13 / 3 = 4.33; (15 + 13) / (5 + 3) = 28 / 8 = 3.5.
    expect(summarize(3, 13)).toEqual({ count: 3, average: 4.33, score: 3.5 });
    // Twenty ratings averaging 4.5 (sum 90): (15 + 90) / 25 = 4.2.
    expect(summarize(20, 90)).toEqual({ count: 20, average: 4.5, score: 4.2 });
  });

  it('ranks one perfect rating below a long record of very good ones', () => {
    expect(summarize(1, 5).score).toBeLessThan(summarize(20, 90).score);
  });
});

describe('the edit window', () => {
  const given = new Date('2026-03-01T10:00:00Z');
  it('stays open for seven days to the millisecond', () => {
    expect(editableUntil(given).toISOString()).toBe('2026-03-08T10:00:00.000Z');
    expect(canEdit(given, new Date('2026-03-08T09:59:59.999Z'))).toBe(true);
    expect(canEdit(given, new Date('2026-03-08T10:00:00.000Z'))).toBe(false);
  });
});

describe('who may rate', () => {
  it('is the patient of a completed visit', () => {
    expect(rateRefusal({ patientId: 'p', status: 'completed' }, 'p')).toBeUndefined();
    expect(rateRefusal({ patientId: 'q', status: 'completed' }, 'p')).toBe('rating.not_yours');
    for (const status of ['booked', 'checked_in', 'no_show', 'cancelled'])
      expect(rateRefusal({ patientId: 'p', status }, 'p')).toBe('rating.not_completed');
  });
});
