/** The contracts live in src/core/contracts/timeline.ts, shared with the web app. */
export * from '../../../core/contracts/timeline.ts';
