/** The contracts live in src/core/contracts/analytics.ts, shared with the web app. */
export * from '../../../core/contracts/analytics.ts';
