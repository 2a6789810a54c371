/** The contracts live in src/core/contracts/alerts.ts, shared with the web app. */
export * from '../../../core/contracts/alerts.ts';
