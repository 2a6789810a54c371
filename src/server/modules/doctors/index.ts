/** Doctors: the public directory of doctors by specialty and clinic. */
export { doctorRoutes } from './routes.ts';
export { getDoctor, listDoctors, listSpecialties } from './service.ts';
export { findDoctorRef } from './repo.ts';
export type { Doctor } from './schema.ts';
