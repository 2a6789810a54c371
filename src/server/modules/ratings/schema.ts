/** The contracts live in src/core/contracts/ratings.ts, shared with the web app. */
export * from '../../../core/contracts/ratings.ts';
