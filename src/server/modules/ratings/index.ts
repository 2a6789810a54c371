/** Ratings: patients rate the doctor of a completed visit; the public sees counts and a Bayesian score. */
import type { Tx } from '../../db/client.ts';
import { clearComments } from './repo.ts';

export { ratingRoutes } from './routes.ts';
export { summaries as ratingSummaries } from './service.ts';
export { ratingSummary as ratingSummarySchema } from './schema.ts';
export type { RatingSummary } from './rules.ts';

/** Privacy erasure of a patient: their comments go, their scores stay in the doctors' averages. */
export const eraseRatingComments = (tx: Tx, patientId: string): Promise<void> => clearComments(tx, patientId);

export { ratingSchema } from './schema.ts';
export { givenBy as ratingsGivenBy } from './service.ts';
