/** Patients: demographics, with reads and writes checked against care, consent and audit. */
export { patientRoutes } from './routes.ts';
export { findPatientRef } from './repo.ts';
export { patientFacts, type PatientFacts } from './lifecycle-repo.ts';
export { demographicsOf } from './service.ts';
export { patientSchema } from './schema.ts';
