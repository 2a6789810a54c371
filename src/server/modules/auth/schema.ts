/** The contracts live in src/core/contracts/auth.ts, shared with the web app. */
export * from '../../../core/contracts/auth.ts';
