/** The clinical record: encounters and their entries, amendments with history, the timeline, export. */
export { recordRoutes } from './routes.ts';
export { scrubPatientRecords } from './erasure.ts';
