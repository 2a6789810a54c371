/** The contracts live in src/core/contracts/audit.ts, shared with the web app. */
export * from '../../../core/contracts/audit.ts';
