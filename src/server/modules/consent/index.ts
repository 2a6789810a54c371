/** Consent: one-time codes, grants, emergency access, and the read/write checks other modules call. */
export { consentRoutes } from './routes.ts';
export { assertCanRead, assertCanWrite } from './access.ts';
export type { ConsentDeps } from './service.ts';
