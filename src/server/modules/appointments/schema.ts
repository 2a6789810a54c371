/** The contracts live in src/core/contracts/appointments.ts, shared with the web app. */
export * from '../../../core/contracts/appointments.ts';
