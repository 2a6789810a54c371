/** The contracts live in src/core/contracts/availability.ts, shared with the web app. */
export * from '../../../core/contracts/availability.ts';
