/**
 * The dispatcher on pg-boss. `notifications.dispatch` runs a pump for most of a minute and is scheduled
 * every minute (and sent once at start), so one is nearly always running; pumps in several workers share
 * the queue through SKIP LOCKED claims. The two scans run every minute: work they find twice is created
 * once (unique markers and dedupe keys), so a missed or doubled tick is harmless.
 */
import type { JobRegistry } from '../../jobs/index.ts';
import type { NotifyDeps } from './context.ts';
import { pump } from './dispatcher.ts';
import { scanClosedDays, scanReminders } from './scans.ts';

export const DISPATCH_JOB = 'notifications.dispatch';
const EVERY_MINUTE = '* * * * *';
/** A pump ends before the next one is scheduled, so two overlap only briefly. */
const PUMP_BUDGET_MS = 55_000;

export interface NotificationJobs {
  /** Ends running pumps at once (before the job queue stops and waits for its handlers). */
  stop(): void;
}

export function registerNotificationJobs(registry: JobRegistry, deps: NotifyDeps): NotificationJobs {
  const stopping = new AbortController();
  registry.add({
    name: DISPATCH_JOB,
    queue: { expireInSeconds: 120, retryLimit: 0 },
    schedule: { cron: EVERY_MINUTE, tz: 'UTC' },
    handler: async (jobs) => {
      const signal = AbortSignal.any([stopping.signal, ...jobs.map((j) => j.signal)]);
      await pump(deps, { budgetMs: PUMP_BUDGET_MS, signal });
    },
  });
  registry.add({
    name: 'notifications.reminders',
    queue: { expireInSeconds: 300, retryLimit: 0 },
    schedule: { cron: EVERY_MINUTE, tz: 'UTC' },
    handler: () => scanReminders(deps),
  });
  registry.add({
    name: 'notifications.closed-days',
    queue: { expireInSeconds: 120, retryLimit: 0 },
    schedule: { cron: EVERY_MINUTE, tz: 'UTC' },
    handler: () => scanClosedDays(deps),
  });
  return { stop: () => stopping.abort() };
}
