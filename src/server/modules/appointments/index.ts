/** Appointments: availability, slot search, booking with no double booking, agendas, care relationships. */
export { appointmentRoutes } from './routes.ts';
export { availabilityRoutes } from './availability-routes.ts';
export { hasCareRelationship, patientIdsOfDoctor, visitFacts } from './repo.ts';
export { localIso, soonestSlots } from './slots.ts';
