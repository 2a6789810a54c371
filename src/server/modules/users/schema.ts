/** The contracts live in src/core/contracts/users.ts, shared with the web app. */
export * from '../../../core/contracts/users.ts';
