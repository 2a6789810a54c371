/** Clinics: the public directory of clinics (where, when open, emergency number). */
export { clinicRoutes } from './routes.ts';
export { getClinic, listClinics } from './service.ts';
export { findClinic } from './repo.ts';
export type { Clinic } from './schema.ts';
