/**
 * The pipeline's public functions: run a date, back-fill a range, resume unfinished runs. Used by the CLI,
 * the pg-boss schedule and start-up resume; each call runs in the process that calls it (the warehouse file's
 * single writer).
 */
import { join } from 'node:path';
import { badRequest } from '../../core/errors.ts';
import { addDays, isoDate } from '../../server/demo/zoned.ts';
import { parseDate } from '../generate/options.ts';
import { extract } from '../steps/extract.ts';
import { load } from '../steps/load.ts';
import { notify } from '../steps/notify.ts';
import { report } from '../steps/report.ts';
import { retain } from '../steps/retain.ts';
import { stage } from '../steps/stage.ts';
import { transform } from '../steps/transform.ts';
import type { PipelineContext, PipelineSettings, StepFn } from './context.ts';
import type { StepName } from './dag.ts';
import { snapshotDirOf } from '../warehouse/snapshots.ts';
import { executeRun, runOwner, type RunOutcome } from './runner.ts';
import { claimRun, createRun, unfinishedRuns, type Source } from './state.ts';

export const STEPS: Readonly<Record<StepName, StepFn>> = {
  extract,
  stage,
  load,
  transform,
  report,
  notify,
  retain,
};

export { STEP_NAMES, type StepName } from './dag.ts';
export type { PipelineContext, PipelineSettings } from './context.ts';
export type { RunOutcome } from './runner.ts';
export { getRun, listRuns, listRunsWithSteps, type RunRow, type StepRow, type Source } from './state.ts';
export { pipelineMetrics, type PipelineMetrics } from './metrics.ts';

/** Settings under one directory: `<dir>/warehouse.duckdb`, `<dir>/marts/` (snapshots), `<dir>/runs/`. */
export function pipelineSettings(
  dir: string,
  options: Pick<PipelineSettings, 'patients' | 'attempts' | 'retryBaseMs' | 'leaseMs'> & {
    haltAt?: StepName | undefined;
  },
): PipelineSettings {
  return {
    workDir: join(dir, 'runs'),
    warehousePath: join(dir, 'warehouse.duckdb'),
    snapshotDir: snapshotDirOf(dir),
    ...options,
  };
}

export { snapshotDirOf } from '../warehouse/snapshots.ts';

export async function runDate(
  ctx: PipelineContext,
  input: { date: string; source: Source; trigger: string },
): Promise<RunOutcome> {
  parseDate('date', input.date);
  // Created claimed by this process, so no one takes it for an abandoned pending run in between.
  const runId = await createRun(ctx.db, input, {
    claimFor: { owner: runOwner(), leaseMs: ctx.settings.leaseMs },
    exclusive: ctx.exclusive,
  });
  return executeRun(ctx, runId, STEPS);
}

/**
 * Runs a queued (`pending`) run, e.g. an admin's request: undefined, doing nothing, when it is no longer
 * pending (another process started it, a newer run superseded it, or it finished).
 */
export async function runQueued(ctx: PipelineContext, runId: string): Promise<RunOutcome | undefined> {
  if (!(await claimRun(ctx.db, runId, runOwner(), ctx.settings.leaseMs, ctx.exclusive, { queued: true })))
    return undefined;
  return executeRun(ctx, runId, STEPS);
}

/** Every date from `from` to `to` (inclusive), oldest first; stops at the first failed run. */
export async function backfill(
  ctx: PipelineContext,
  input: { from: string; to: string; source: Source; trigger: string },
): Promise<RunOutcome[]> {
  const outcomes: RunOutcome[] = [];
  for (const date of dateRange(input.from, input.to)) {
    const outcome = await runDate(ctx, { date, source: input.source, trigger: input.trigger });
    outcomes.push(outcome);
    if (outcome.status === 'failed') break;
  }
  return outcomes;
}

export const MAX_BACKFILL_DAYS = 366;

export function dateRange(from: string, to: string): string[] {
  const start = parseDate('from', from);
  const end = parseDate('to', to);
  const dates: string[] = [];
  for (let d = start; isoDate(d) <= isoDate(end); d = addDays(d, 1)) {
    dates.push(isoDate(d));
    if (dates.length > MAX_BACKFILL_DAYS)
      throw badRequest(
        'pipeline.invalid_option',
        `--from/--to may span at most ${String(MAX_BACKFILL_DAYS)} days`,
      );
  }
  if (dates.length === 0) throw badRequest('pipeline.invalid_option', '--from must not be after --to');
  return dates;
}

/** Continues every unfinished run (failed, or running under an expired lease), oldest first. */
export async function resumeRuns(ctx: PipelineContext): Promise<RunOutcome[]> {
  const outcomes: RunOutcome[] = [];
  for (const run of await unfinishedRuns(ctx.db, ctx.exclusive))
    outcomes.push(await executeRun(ctx, run.id, STEPS));
  return outcomes;
}

/** Today's date in `timeZone` (the scheduled run's date); light, so API processes import it from zoned.ts. */
export { todayIn } from '../../server/demo/zoned.ts';
