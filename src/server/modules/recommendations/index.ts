/**
 * Discovery ("recommendations"): symptoms → specialties (curated map + a classifier trained on the
 * platform's history, emergency red flags first) → doctors ranked by fit, distance, rating and next slot.
 */
export { discoveryRoutes } from './routes.ts';
export { discover, classifierFor, forgetCaches } from './service.ts';
export { evaluate, understand, type Evaluation, type Understanding } from './rules.ts';
export { history as discoveryHistory } from './repo.ts';
export { MAP_VERSION } from './symptoms.ts';
export { PHRASINGS } from './symptoms.ts';
export { syntheticHistory } from './synthetic.ts';
