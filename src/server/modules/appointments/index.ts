/** Appointments: care relationships derived from visits (booking and agendas come with scheduling). */
export { hasCareRelationship, patientIdsOfDoctor } from './repo.ts';
