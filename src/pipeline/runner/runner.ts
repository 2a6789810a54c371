/**
 * Runs a pipeline run's steps in dependency order (independent steps side by side), each with retries and
 * exponential backoff, recording every step's state in the platform database. A run that died is continued
 * by executing it again: steps already `succeeded` are skipped (their recorded outputs feed later steps),
 * so `resume` never redoes finished work.
 */
import { rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isAppError } from '../../core/errors.ts';
import type { Tx } from '../../server/db/client.ts';
import { openDuck, type Duck } from '../warehouse/duck.ts';
import type { PipelineContext, StepFn, StepIo } from './context.ts';
import { readySteps, STEP_NAMES, type StepName } from './dag.ts';
import * as state from './state.ts';

export interface RunOutcome {
  readonly runId: string;
  readonly status: 'succeeded' | 'failed';
  readonly error?: string | undefined;
}

/** This process, as the owner of the runs it claims. */
export const runOwner = () => `${hostname()}:${String(process.pid)}`;

export async function executeRun(
  ctx: PipelineContext,
  runId: string,
  steps: Readonly<Record<StepName, StepFn>>,
): Promise<RunOutcome> {
  const me = runOwner();
  if (!(await state.claimRun(ctx.db, runId, me, ctx.settings.leaseMs, ctx.exclusive))) {
    return { runId, status: 'failed', error: 'another process is running this run' };
  }
  const heartbeat = setInterval(
    () => {
      state.renewLease(ctx.db, runId, me, ctx.settings.leaseMs).catch(() => undefined);
    },
    Math.max(250, ctx.settings.leaseMs / 3),
  );
  let duck: Duck | undefined;
  const warehouse = async () => (duck ??= await openDuck(ctx.settings.warehousePath));
  try {
    const error = await runSteps(ctx, runId, steps, warehouse);
    duck?.close();
    duck = undefined;
    await state.finishRun(ctx.db, runId, error ? 'failed' : 'succeeded', error);
    // The run's scratch files (extracted CSVs) are in the object store now.
    if (!error) await rm(join(ctx.settings.workDir, runId), { recursive: true, force: true });
    ctx.metrics?.runs.inc({ status: error ? 'failed' : 'succeeded' });
    return { runId, status: error ? 'failed' : 'succeeded', error };
  } finally {
    clearInterval(heartbeat);
    duck?.close();
  }
}

/** Waves of ready steps until all succeeded (undefined) or one failed for good (its error). */
async function runSteps(
  ctx: PipelineContext,
  runId: string,
  steps: Readonly<Record<StepName, StepFn>>,
  warehouse: () => Promise<Duck>,
): Promise<string | undefined> {
  for (;;) {
    const run = await state.getRun(ctx.db, runId);
    const status = Object.fromEntries(run.steps.map((s) => [s.step, s.status])) as Record<StepName, string>;
    if (STEP_NAMES.every((s) => status[s] === 'succeeded')) return undefined;
    const ready = readySteps(status);
    if (ready.length === 0) return 'no step can start: an upstream step has not succeeded';
    const outputs = Object.fromEntries(
      run.steps.filter((s) => s.status === 'succeeded').map((s) => [s.step, s.output ?? {}]),
    );
    const info = { runId, date: run.runDate, source: run.source as state.Source };
    const results = await Promise.all(
      ready.map((step) => runStep(ctx, step, steps[step], { ...info, outputs }, warehouse)),
    );
    const failed = results.find((r) => r !== undefined);
    if (failed) return failed;
  }
}

/** One step with its retries; returns undefined on success, the last error message on failure. */
async function runStep(
  ctx: PipelineContext,
  step: StepName,
  fn: StepFn,
  info: Pick<StepIo, 'runId' | 'date' | 'source' | 'outputs'>,
  warehouse: () => Promise<Duck>,
): Promise<string | undefined> {
  const { attempts, retryBaseMs } = ctx.settings;
  for (let attempt = 1; ; attempt++) {
    const logs: string[] = [];
    const done = { recorded: false };
    const began = performance.now();
    const io: StepIo = {
      ...info,
      log: (line) => {
        logs.push(line);
        ctx.logger?.info({ runId: info.runId, step }, line);
      },
      midway: () => halt(ctx, step),
      warehouse,
      recordIn: async (tx: Tx, output) => {
        await state.succeedStep(tx, info.runId, step, output, performance.now() - began, logs);
        done.recorded = true;
      },
    };
    await state.startStep(ctx.db, info.runId, step);
    try {
      const output = await fn(ctx, io);
      if (!done.recorded)
        await state.succeedStep(ctx.db, info.runId, step, output, performance.now() - began, logs);
      ctx.metrics?.stepDuration.observe({ step, status: 'succeeded' }, (performance.now() - began) / 1000);
      return undefined;
    } catch (err) {
      const message = errorMessage(err);
      logs.push(`attempt ${String(attempt)} failed: ${message}`);
      ctx.metrics?.stepDuration.observe({ step, status: 'failed' }, (performance.now() - began) / 1000);
      ctx.metrics?.stepFailures.inc({ step });
      await state.failStep(ctx.db, info.runId, step, message, performance.now() - began, logs);
      // The caller's own mistakes (bad data, failed data tests) fail the same way again: no retry.
      if (attempt >= attempts || !retryable(err)) return `${step}: ${message}`;
      await sleep(retryBaseMs * 2 ** (attempt - 1));
    }
  }
}

const retryable = (err: unknown): boolean => !(isAppError(err) && err.status < 500);

function errorMessage(err: unknown): string {
  if (isAppError(err)) return err.detail ?? err.title;
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 500);
}

async function halt(ctx: PipelineContext, step: StepName): Promise<void> {
  if (ctx.settings.haltAt !== step) return;
  process.stderr.write(`pipeline halted in the middle of ${step}\n`);
  await new Promise<never>(() => setInterval(() => undefined, 1 << 30));
}
