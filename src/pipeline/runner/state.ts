/**
 * Run and step state in the platform database (`pipeline_runs`, `pipeline_steps`): what `resume` reads to
 * continue from the first unfinished step, and what `pipeline runs` and the API show.
 */
import { and, desc, eq, inArray, lt, or, isNull, sql, type SQL } from 'drizzle-orm';
import { conflict, notFound } from '../../core/errors.ts';
import type { Db, Tx } from '../../server/db/client.ts';
import { sqlState } from '../../server/db/errors.ts';
import { newId } from '../../server/db/schema/columns.ts';
import { pipelineRuns, pipelineSteps } from '../../server/db/schema/index.ts';
import { STEP_NAMES, type StepName } from './dag.ts';

export type RunStatus = 'pending' | 'running' | 'succeeded' | 'failed';
export type Source = 'synthetic' | 'platform';

export interface RunRow {
  id: string;
  runDate: string;
  source: string;
  trigger: string;
  status: string;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface StepRow {
  step: string;
  status: string;
  attempts: number;
  startedAt: Date | null;
  finishedAt: Date | null;
  durationMs: number | null;
  output: Record<string, unknown> | null;
  error: string | null;
  logs: string[];
}

const SUPERSEDED = 'abandoned: superseded by a newer run of the same date';

/**
 * No newer run of the same date exists. A date's newest run is its run: an older unfinished one is never
 * continued (it would publish an older extract over the newer run's).
 */
const NEWEST = sql`not exists (select 1 from pipeline_runs newer where newer.run_date = pipeline_runs.run_date
  and (newer.created_at, newer.id) > (pipeline_runs.created_at, pipeline_runs.id))`;

export interface CreateRunOptions {
  /** Create the run already claimed (running under this owner's lease): the caller runs it now. Default: pending. */
  claimFor?: { owner: string; leaseMs: number } | undefined;
  /** When a pending run of the date counts as abandoned (no process will start it). Default: never. */
  abandonedPending?: SQL | undefined;
  /** This process is the database's only user: every pending or running run of the date is dead. */
  exclusive?: boolean | undefined;
}

/**
 * A new run of `input.date`. At most one run of a date is pending or running (a partial unique index): dead
 * ones (expired lease, abandoned pending) are retired first; a live one makes this a 409 `run_in_progress`.
 */
export async function createRun(
  db: Db,
  input: { date: string; source: Source; trigger: string },
  opts: CreateRunOptions = {},
): Promise<string> {
  const id = newId();
  const claim = opts.claimFor;
  const claimed = claim
    ? {
        status: 'running',
        owner: claim.owner,
        leaseUntil: new Date(Date.now() + claim.leaseMs),
        startedAt: new Date(),
      }
    : {};
  try {
    await db.transaction(async (tx) => {
      await retireDeadRuns(tx, input.date, opts);
      await tx
        .insert(pipelineRuns)
        .values({ id, runDate: input.date, source: input.source, trigger: input.trigger, ...claimed });
      await tx.insert(pipelineSteps).values(STEP_NAMES.map((step) => ({ runId: id, step })));
    });
  } catch (err) {
    if (sqlState(err) === '23505')
      throw conflict('pipeline.run_in_progress', `A run for ${input.date} is already queued or in progress.`);
    throw err;
  }
  return id;
}

/** Marks the date's dead pending/running runs failed: the new run supersedes them. */
async function retireDeadRuns(tx: Tx, date: string, opts: CreateRunOptions): Promise<void> {
  const expired = opts.exclusive ? sql`true` : lt(pipelineRuns.leaseUntil, new Date());
  const deadPending = opts.exclusive ? sql`true` : (opts.abandonedPending ?? sql`false`);
  await tx
    .update(pipelineRuns)
    .set({ status: 'failed', error: SUPERSEDED, finishedAt: new Date(), leaseUntil: null })
    .where(
      and(
        eq(pipelineRuns.runDate, date),
        or(
          and(eq(pipelineRuns.status, 'running'), or(isNull(pipelineRuns.leaseUntil), expired)),
          and(eq(pipelineRuns.status, 'pending'), deadPending),
        ),
      ),
    );
}

/**
 * Takes the run for `owner` unless another live owner holds it or a newer run of its date exists; true when
 * taken. `queued`: only a run still pending (a queued run's job does not take a run someone else started).
 */
export async function claimRun(
  db: Db,
  runId: string,
  owner: string,
  leaseMs: number,
  exclusive = false,
  opts: { queued?: boolean } = {},
): Promise<boolean> {
  const until = new Date(Date.now() + leaseMs);
  const expired = exclusive ? sql`true` : lt(pipelineRuns.leaseUntil, new Date());
  const claimable = opts.queued
    ? eq(pipelineRuns.status, 'pending')
    : or(
        inArray(pipelineRuns.status, ['pending', 'failed']),
        isNull(pipelineRuns.leaseUntil),
        expired,
        eq(pipelineRuns.owner, owner),
      );
  try {
    const taken = await db
      .update(pipelineRuns)
      .set({
        status: 'running',
        owner,
        leaseUntil: until,
        startedAt: sql`coalesce(${pipelineRuns.startedAt}, now())`,
        error: null,
        finishedAt: null,
      })
      .where(and(eq(pipelineRuns.id, runId), claimable, NEWEST))
      .returning({ id: pipelineRuns.id });
    return taken.length === 1;
  } catch (err) {
    // A run of the same date being created at this moment holds the date (the partial unique index).
    if (sqlState(err) === '23505') return false;
    throw err;
  }
}

export async function renewLease(db: Db, runId: string, owner: string, leaseMs: number): Promise<void> {
  await db
    .update(pipelineRuns)
    .set({ leaseUntil: new Date(Date.now() + leaseMs) })
    .where(and(eq(pipelineRuns.id, runId), eq(pipelineRuns.owner, owner)));
}

export async function finishRun(
  db: Db,
  runId: string,
  status: 'succeeded' | 'failed',
  error?: string,
): Promise<void> {
  await db
    .update(pipelineRuns)
    .set({ status, error: error ?? null, finishedAt: new Date(), leaseUntil: null })
    .where(eq(pipelineRuns.id, runId));
}

export async function startStep(db: Db, runId: string, step: StepName): Promise<void> {
  await db
    .update(pipelineSteps)
    .set({
      status: 'running',
      attempts: sql`${pipelineSteps.attempts} + 1`,
      startedAt: new Date(),
      error: null,
    })
    .where(and(eq(pipelineSteps.runId, runId), eq(pipelineSteps.step, step)));
}

export async function succeedStep(
  db: Db | Tx,
  runId: string,
  step: StepName,
  output: Record<string, unknown>,
  durationMs: number,
  logs: string[],
): Promise<void> {
  await db
    .update(pipelineSteps)
    .set({
      status: 'succeeded',
      finishedAt: new Date(),
      durationMs: Math.round(durationMs),
      output,
      logs,
      error: null,
    })
    .where(and(eq(pipelineSteps.runId, runId), eq(pipelineSteps.step, step)));
}

export async function failStep(
  db: Db,
  runId: string,
  step: StepName,
  error: string,
  durationMs: number,
  logs: string[],
): Promise<void> {
  await db
    .update(pipelineSteps)
    .set({ status: 'failed', finishedAt: new Date(), durationMs: Math.round(durationMs), error, logs })
    .where(and(eq(pipelineSteps.runId, runId), eq(pipelineSteps.step, step)));
}

export async function getRun(db: Db, runId: string): Promise<RunRow & { steps: StepRow[] }> {
  const [run] = await db.select().from(pipelineRuns).where(eq(pipelineRuns.id, runId));
  if (!run) throw notFound('pipeline.run_not_found', `There is no pipeline run ${runId}.`);
  const steps = await db.select().from(pipelineSteps).where(eq(pipelineSteps.runId, runId));
  const order = (s: string) => STEP_NAMES.indexOf(s as StepName);
  return { ...run, steps: steps.sort((a, b) => order(a.step) - order(b.step)) };
}

export async function listRuns(db: Db, limit: number): Promise<RunRow[]> {
  return db
    .select()
    .from(pipelineRuns)
    .orderBy(desc(pipelineRuns.createdAt), desc(pipelineRuns.id))
    .limit(limit);
}

/** The newest runs with their steps (two queries). */
export async function listRunsWithSteps(db: Db, limit: number): Promise<(RunRow & { steps: StepRow[] })[]> {
  const runs = await listRuns(db, limit);
  if (runs.length === 0) return [];
  const steps = await db
    .select()
    .from(pipelineSteps)
    .where(
      inArray(
        pipelineSteps.runId,
        runs.map((r) => r.id),
      ),
    );
  const order = (s: string) => STEP_NAMES.indexOf(s as StepName);
  return runs.map((run) => ({
    ...run,
    steps: steps.filter((s) => s.runId === run.id).sort((a, b) => order(a.step) - order(b.step)),
  }));
}

/**
 * Runs that did not finish: pending and failed ones, and running ones whose owner's lease has expired; each
 * only while it is its date's newest run (a newer run supersedes it).
 */
export async function unfinishedRuns(db: Db, exclusive = false): Promise<RunRow[]> {
  const expired = exclusive ? sql`true` : lt(pipelineRuns.leaseUntil, new Date());
  return db
    .select()
    .from(pipelineRuns)
    .where(
      and(
        or(
          inArray(pipelineRuns.status, ['pending', 'failed']),
          and(eq(pipelineRuns.status, 'running'), or(isNull(pipelineRuns.leaseUntil), expired)),
        ),
        NEWEST,
      ),
    )
    .orderBy(pipelineRuns.createdAt, pipelineRuns.id);
}
