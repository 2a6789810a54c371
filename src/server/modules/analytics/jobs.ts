/**
 * The pipeline on pg-boss: `pipeline.run` runs the run an admin queued (`runId`), runs a date on the cron
 * schedule (weekdays 10:05 in the pipeline's zone by default), or continues unfinished runs (`resume`, sent
 * when a worker process starts). One queue, one job at a time (singleton policy): the warehouse file has a
 * single writer. Any number of jobs may wait, so the database decides what runs: one pending or running run
 * per date, and a job only starts a run that is still pending.
 */
import type { Logger } from 'pino';
import { isAppError } from '../../../core/errors.ts';
import type { PipelineContext, PipelineMetrics } from '../../../pipeline/runner/index.ts';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import { todayIn } from '../../demo/zoned.ts';
import type { JobRegistry } from '../../jobs/index.ts';
import { reserveRun } from './repo.ts';
import { PIPELINE_RUN_JOB } from './service.ts';

/**
 * The run `runId` (created pending by whoever queued the job), else a run of a date (default today), or
 * `resume: true` to continue unfinished runs.
 */
export interface PipelineJob {
  runId?: string;
  date?: string;
  /** Default: the configured source. */
  source?: 'synthetic' | 'platform';
  trigger?: string;
  resume?: boolean;
}

/** The job a worker sends itself at start-up: continue what a previous process left unfinished. */
export const PIPELINE_RESUME: PipelineJob = { resume: true, trigger: 'startup' };

export interface PipelineJobDeps {
  config: Pick<Config, 'pipeline' | 'objectStore' | 'retention'>;
  database: Database;
  logger: Logger;
  metrics: PipelineMetrics;
}

/** A run takes minutes at most; its steps retry themselves, so the job does not. */
const QUEUE = { policy: 'singleton' as const, expireInSeconds: 4 * 3600, retryLimit: 0 };

/** The pending run of a job without one (the schedule's): undefined when the date's run is already queued. */
async function reserve(deps: PipelineJobDeps, data: PipelineJob): Promise<string | undefined> {
  const p = deps.config.pipeline;
  const date = data.date ?? todayIn(p.timezone);
  try {
    return await reserveRun(deps.database.db, {
      date,
      source: data.source ?? p.source,
      trigger: data.trigger ?? 'schedule',
    });
  } catch (err) {
    if (!isAppError(err) || err.code !== 'pipeline.run_in_progress') throw err;
    deps.logger.info({ date }, 'pipeline run skipped: a run of the date is already queued or running');
    return undefined;
  }
}

export function registerPipelineJobs(registry: JobRegistry, deps: PipelineJobDeps): void {
  const p = deps.config.pipeline;
  // The pipeline's code (generator, DuckDB, charts) loads on the first run, not at server start.
  const pipeline = async () => ({
    ...(await import('../../../pipeline/runner/index.ts')),
    ...(await import('../../../pipeline/runner/compose.ts')),
  });
  const withContext = async <T>(
    fn: (ctx: PipelineContext, m: Awaited<ReturnType<typeof pipeline>>) => Promise<T>,
  ): Promise<T> => {
    const m = await pipeline();
    const ctx = m.composePipeline(deps.config, deps.database, { logger: deps.logger, metrics: deps.metrics });
    try {
      return await fn(ctx, m);
    } finally {
      ctx.close();
    }
  };
  registry.add<PipelineJob>({
    name: PIPELINE_RUN_JOB,
    queue: QUEUE,
    ...(p.schedule ? { schedule: { cron: p.cron, tz: p.timezone, data: { trigger: 'schedule' } } } : {}),
    handler: async (jobs) => {
      for (const job of jobs) {
        if (job.data.resume) {
          // Usually nothing is unfinished: look first, so a start-up does not load the pipeline's code.
          const { unfinishedRuns } = await import('../../../pipeline/runner/state.ts');
          if ((await unfinishedRuns(deps.database.db, deps.database.kind === 'pglite')).length === 0)
            continue;
          const outcomes = await withContext((ctx, m) => m.resumeRuns(ctx));
          if (outcomes.length > 0) deps.logger.info({ resumed: outcomes.length }, 'pipeline runs resumed');
          continue;
        }
        const runId = job.data.runId ?? (await reserve(deps, job.data));
        if (!runId) continue;
        const outcome = await withContext((ctx, m) => m.runQueued(ctx, runId));
        if (outcome) deps.logger.info({ runId, status: outcome.status }, 'pipeline run finished');
        else deps.logger.info({ runId }, 'pipeline run skipped: started elsewhere, superseded or finished');
      }
    },
  });
}
