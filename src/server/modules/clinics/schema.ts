/** The contracts live in src/core/contracts/clinics.ts, shared with the web app. */
export * from '../../../core/contracts/clinics.ts';
