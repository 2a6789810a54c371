/** Patients: demographics, with reads and writes checked against care, consent and audit. */
export { patientRoutes } from './routes.ts';
export { findPatientRef } from './repo.ts';
