/**
 * Community health alerts: daily counts of conditions per neighbourhood watched with EARS C1/C2/C3
 * (identical to R's surveillance::earsC), alerts for admins and the public, notifications to the area.
 */
export { alertRoutes } from './routes.ts';
export { registerAlertJobs, WATCH_JOB, yesterday } from './jobs.ts';
export { runWatch, type WatchReport } from './run.ts';
export { earsC, EARS_METHODS, defaultAlpha, firstDay, type EarsMethod, type EarsResult } from './rules.ts';
export { DEFAULT_ALERT_SETTINGS, type AlertSettings } from './service.ts';
