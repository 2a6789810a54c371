/** The contracts live in src/core/contracts/discovery.ts, shared with the web app. */
export * from '../../../core/contracts/discovery.ts';
