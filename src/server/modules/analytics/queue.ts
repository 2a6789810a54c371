/**
 * Admins queue a pipeline run (or a re-run of a date) for the worker: the request only enqueues the
 * `pipeline.run` job; the warehouse's single writer (the process running workers) does the work.
 */
import { AppError, conflict } from '../../../core/errors.ts';
import type { Db } from '../../db/client.ts';
import type { Jobs } from '../../jobs/index.ts';
import type { PipelineJob } from './jobs.ts';
import { runInProgress } from './repo.ts';
import { PIPELINE_RUN_JOB } from './service.ts';

type Source = 'synthetic' | 'platform';

export interface QueueDeps {
  db: Db;
  jobs: Pick<Jobs, 'send'>;
  /** Undefined: this server has no pipeline configured. */
  pipeline: { timezone: string; source: Source } | undefined;
}

/**
 * The calendar date in `timeZone` (as the runner's `todayIn`; repeated here so the API process does not load
 * the pipeline's code just to know the date).
 */
export function todayIn(timeZone: string, now: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

export async function queueRun(
  deps: QueueDeps,
  input: { date?: string | undefined; source?: Source | undefined },
  now = new Date(),
) {
  const p = deps.pipeline;
  if (!p) throw conflict('pipeline.not_configured', 'This server has no pipeline configured.');
  const today = todayIn(p.timezone, now);
  const date = input.date ?? today;
  if (date > today)
    throw new AppError(422, 'pipeline.future_date', 'Unprocessable content', {
      detail: 'A run is for a day that has begun.',
      errors: [{ path: 'body.date', message: `must not be after today (${today} in ${p.timezone})` }],
    });
  if (await runInProgress(deps.db, date, now))
    throw conflict('pipeline.run_in_progress', `A run for ${date} is already in progress.`);
  const source = input.source ?? p.source;
  const job: PipelineJob = { date, source, trigger: 'admin' };
  const jobId = await deps.jobs.send(PIPELINE_RUN_JOB, job);
  // The queue refuses a job its policy does not allow (one waiting already).
  if (!jobId) throw conflict('pipeline.run_in_progress', 'A pipeline run is already waiting to start.');
  return { jobId, date, source, queuedAt: now.toISOString() };
}
