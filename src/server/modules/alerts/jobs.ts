/**
 * The daily watch on pg-boss: every morning it judges yesterday (a complete local day in the alerts'
 * zone). A job may also name the day (`{ date: 'YYYY-MM-DD' }`). Running a day twice changes nothing.
 */
import { DateTime } from 'luxon';
import type { Db } from '../../db/client.ts';
import type { JobRegistry } from '../../jobs/index.ts';
import { runWatch } from './run.ts';
import type { AlertSettings } from './service.ts';

export const WATCH_JOB = 'alerts.watch';

/** Yesterday in the zone, as YYYY-MM-DD. */
export const yesterday = (zone: string, now = Date.now()): string =>
  DateTime.fromMillis(now, { zone }).minus({ days: 1 }).toISODate()!;

export function registerAlertJobs(registry: JobRegistry, deps: { db: Db; settings: AlertSettings }): void {
  registry.add<{ date?: string }>({
    name: WATCH_JOB,
    queue: { expireInSeconds: 900, retryLimit: 2, retryDelay: 60 },
    schedule: { cron: '30 5 * * *', tz: deps.settings.timezone },
    handler: async (jobs) => {
      for (const job of jobs) {
        // Scheduled runs carry no data (null); a job sent by hand may name the day.
        const data = job.data as { date?: string } | null;
        await runWatch(deps.db, deps.settings, data?.date ?? yesterday(deps.settings.timezone));
      }
    },
  });
}
