/**
 * The weekend counterpart of the weekday pipeline schedule (as the original Health Synth flow did): on
 * Saturday and Sunday at the same time a short "no pipeline run today" notice goes to the staff channels the
 * pipeline's report goes to, through the same `pipeline.report` outbox event. Its dedupe key names the day,
 * so a doubled or repeated tick delivers it once per channel and day.
 */
import type { Db } from '../../db/client.ts';
import { enqueue } from '../../events/outbox.ts';
import type { JobRegistry } from '../../jobs/index.ts';
import type { PipelineConfig } from '../../config-types.ts';
import { addDays, dayOfWeek, isoDate, localDateTime } from '../../demo/zoned.ts';

export const WEEKEND_NOTICE_JOB = 'pipeline.weekend_notice';

export interface WeekendNotice {
  readonly date: string;
  readonly nextRun: string;
  readonly title: string;
  readonly summary: string;
  readonly dedupeKey: string;
}

/** Today's notice in `timeZone`, or undefined on a weekday (the pipeline itself runs then). Pure. */
export function weekendNotice(now: Date, timeZone: string): WeekendNotice | undefined {
  const today = localDateTime(now.getTime(), timeZone);
  const weekday = dayOfWeek(today);
  if (weekday !== 0 && weekday !== 6) return undefined;
  const date = isoDate(today);
  const nextRun = isoDate(addDays(today, weekday === 6 ? 2 : 1));
  return {
    date,
    nextRun,
    title: `No pipeline run today (${date})`,
    summary: `No pipeline run today, next run Monday ${nextRun}.`,
    dedupeKey: `pipeline.weekend:${date}`,
  };
}

/** Queues today's notice if today is a weekend day; returns it (or undefined on a weekday). */
export async function sendWeekendNotice(
  db: Db,
  now: Date,
  timeZone: string,
): Promise<WeekendNotice | undefined> {
  const notice = weekendNotice(now, timeZone);
  if (!notice) return undefined;
  await enqueue(db, {
    topic: 'pipeline.report',
    payload: {
      title: notice.title,
      summary: notice.summary,
      date: notice.date,
      attachments: [],
      dedupeKey: notice.dedupeKey,
    },
  });
  return notice;
}

export interface WeekendNoticeDeps {
  db: Db;
  pipeline: Pick<PipelineConfig, 'schedule' | 'timezone' | 'weekendNotice' | 'weekendCron'>;
  /** Time source (tests pass a fake one). */
  now?: () => Date;
}

/**
 * The `pipeline.weekend_notice` queue, scheduled by PIPELINE_WEEKEND_CRON when PIPELINE_WEEKEND_NOTICE is on
 * and the pipeline itself is scheduled (PIPELINE_SCHEDULE): without a schedule there is no "next run" to name.
 */
export function registerWeekendNotice(registry: JobRegistry, deps: WeekendNoticeDeps): void {
  const p = deps.pipeline;
  registry.add({
    name: WEEKEND_NOTICE_JOB,
    queue: { policy: 'singleton', retryLimit: 3, expireInSeconds: 300 },
    ...(p.schedule && p.weekendNotice && p.weekendCron
      ? { schedule: { cron: p.weekendCron, tz: p.timezone } }
      : {}),
    handler: async () => {
      // The cron only fires on weekend days; the check keeps a custom cron from sending on weekdays.
      await sendWeekendNotice(deps.db, deps.now?.() ?? new Date(), p.timezone);
    },
  });
}
