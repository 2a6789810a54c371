/** The contracts live in src/core/contracts/doctors.ts, shared with the web app. */
export * from '../../../core/contracts/doctors.ts';
