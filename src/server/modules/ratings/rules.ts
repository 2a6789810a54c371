/** Pure rules of doctor ratings: who may rate, how long a rating stays editable, and the public score. */

/**
 * The prior of the Bayesian average: every doctor starts as if rated PRIOR_WEIGHT times at PRIOR_MEAN,
 * the midpoint of the 1–5 scale. A single 5-star rating then gives (5·3 + 5) / (5 + 1) = 3.33, while
 * twenty ratings averaging 4.5 give (15 + 90) / 25 = 4.20: evidence has to accumulate to move the score.
 * A fixed prior (not the mean of all ratings) keeps a doctor's score independent of other doctors.
 */
export { EDIT_WINDOW_DAYS, PRIOR_MEAN, PRIOR_WEIGHT } from '../../../core/vocab.ts';
import { EDIT_WINDOW_DAYS, PRIOR_MEAN, PRIOR_WEIGHT } from '../../../core/vocab.ts';
const DAY_MS = 86_400_000;

const round2 = (x: number): number => Math.round(x * 100) / 100;

export interface RatingSummary {
  count: number;
  /** Plain mean of the scores, null before the first rating. */
  average: number | null;
  /** Bayesian-adjusted average used for ranking: (PRIOR_WEIGHT·PRIOR_MEAN + sum) / (PRIOR_WEIGHT + count). */
  score: number;
}

export function summarize(count: number, sum: number): RatingSummary {
  return {
    count,
    average: count > 0 ? round2(sum / count) : null,
    score: round2((PRIOR_WEIGHT * PRIOR_MEAN + sum) / (PRIOR_WEIGHT + count)),
  };
}

export const editableUntil = (createdAt: Date): Date =>
  new Date(createdAt.getTime() + EDIT_WINDOW_DAYS * DAY_MS);

export const canEdit = (createdAt: Date, now: Date): boolean => now < editableUntil(createdAt);

export type RateRefusal = 'rating.not_yours' | 'rating.not_completed';

/** A patient rates the doctor of their own visit, once it is completed. */
export function rateRefusal(
  visit: { patientId: string; status: string },
  patientId: string,
): RateRefusal | undefined {
  if (visit.patientId !== patientId) return 'rating.not_yours';
  if (visit.status !== 'completed') return 'rating.not_completed';
  return undefined;
}
