/** The contracts live in src/core/contracts/patients.ts, shared with the web app. */
export * from '../../../core/contracts/patients.ts';
