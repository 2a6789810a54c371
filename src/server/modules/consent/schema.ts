/** The contracts live in src/core/contracts/consent.ts, shared with the web app. */
export * from '../../../core/contracts/consent.ts';
