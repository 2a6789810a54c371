/**
 * Admins queue a pipeline run (or a re-run of a date) for the worker: the request creates the `pending` run
 * (at most one pending or running run per date, so of two requests at once one gets a 409) and enqueues the
 * `pipeline.run` job that runs exactly that run; the warehouse's single writer (the process running workers)
 * does the work.
 */
import { AppError, conflict } from '../../../core/errors.ts';
import { finishRun } from '../../../pipeline/runner/state.ts';
import type { Db } from '../../db/client.ts';
import { todayIn } from '../../demo/zoned.ts';
import type { Jobs } from '../../jobs/index.ts';
import type { PipelineJob } from './jobs.ts';
import { reserveRun } from './repo.ts';
import { PIPELINE_RUN_JOB } from './service.ts';

type Source = 'synthetic' | 'platform';

export interface QueueDeps {
  db: Db;
  jobs: Pick<Jobs, 'send'>;
  /** Undefined: this server has no pipeline configured. */
  pipeline: { timezone: string; source: Source } | undefined;
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
  const source = input.source ?? p.source;
  const runId = await reserveRun(deps.db, { date, source, trigger: 'admin' });
  const job: PipelineJob = { runId, date, source, trigger: 'admin' };
  // A run whose job was not queued would wait for nothing: it fails at once (the date can be re-queued).
  const jobId = await deps.jobs.send(PIPELINE_RUN_JOB, job).catch(async (err: unknown) => {
    await finishRun(deps.db, runId, 'failed', 'the job could not be queued');
    throw err;
  });
  if (!jobId) {
    await finishRun(deps.db, runId, 'failed', 'the job could not be queued');
    throw conflict('pipeline.run_in_progress', 'The queue refused the run; try again.');
  }
  return { jobId, runId, date, source, queuedAt: now.toISOString() };
}
