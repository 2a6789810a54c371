/** The contracts live in src/core/contracts/records.ts, shared with the web app. */
export * from '../../../core/contracts/records.ts';
