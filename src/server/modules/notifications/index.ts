/**
 * Notifications: the outbox dispatcher (fan-out, retries, dead letters), reminders and closed-day notices,
 * the channels (in-app, email, Telegram, Slack, SMS), the inbox, preferences and the admin delivery log.
 */
export { notificationRoutes, type NotificationRouteDeps } from './routes.ts';
export { channelStatus, type ChannelStatus } from './channels.ts';
export { createNotifyDeps, systemClock, type Clock, type NotifyDeps } from './context.ts';
export { registerNotificationJobs, DISPATCH_JOB, type NotificationJobs } from './jobs.ts';
export { notificationMetrics } from './metrics.ts';
export { dispatchOnce, pump } from './dispatcher.ts';
export { scanClosedDays, scanReminders } from './scans.ts';
