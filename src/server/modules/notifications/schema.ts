/** The contracts live in src/core/contracts/notifications.ts, shared with the web app. */
export * from '../../../core/contracts/notifications.ts';
