/** The contracts live in src/core/contracts/icd10.ts, shared with the web app. */
export * from '../../../core/contracts/icd10.ts';
