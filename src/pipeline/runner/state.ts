/**
 * Run and step state in the platform database (`pipeline_runs`, `pipeline_steps`): what `resume` reads to
 * continue from the first unfinished step, and what `pipeline runs` and the API show.
 */
import { and, desc, eq, inArray, lt, or, isNull, sql } from 'drizzle-orm';
import { notFound } from '../../core/errors.ts';
import type { Db, Tx } from '../../server/db/client.ts';
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

export async function createRun(
  db: Db,
  input: { date: string; source: Source; trigger: string },
): Promise<string> {
  const id = newId();
  await db.transaction(async (tx) => {
    await tx
      .insert(pipelineRuns)
      .values({ id, runDate: input.date, source: input.source, trigger: input.trigger });
    await tx.insert(pipelineSteps).values(STEP_NAMES.map((step) => ({ runId: id, step })));
  });
  return id;
}

/** Takes the run for `owner` unless another live owner holds it; true when taken. */
export async function claimRun(
  db: Db,
  runId: string,
  owner: string,
  leaseMs: number,
  exclusive = false,
): Promise<boolean> {
  const until = new Date(Date.now() + leaseMs);
  const expired = exclusive ? sql`true` : lt(pipelineRuns.leaseUntil, new Date());
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
    .where(
      and(
        eq(pipelineRuns.id, runId),
        or(
          inArray(pipelineRuns.status, ['pending', 'failed']),
          isNull(pipelineRuns.leaseUntil),
          expired,
          eq(pipelineRuns.owner, owner),
        ),
      ),
    )
    .returning({ id: pipelineRuns.id });
  return taken.length === 1;
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

/** Runs that did not finish: failed ones, and running ones whose owner's lease has expired. */
export async function unfinishedRuns(db: Db, exclusive = false): Promise<RunRow[]> {
  const expired = exclusive ? sql`true` : lt(pipelineRuns.leaseUntil, new Date());
  return db
    .select()
    .from(pipelineRuns)
    .where(
      or(
        inArray(pipelineRuns.status, ['pending', 'failed']),
        and(eq(pipelineRuns.status, 'running'), or(isNull(pipelineRuns.leaseUntil), expired)),
      ),
    )
    .orderBy(pipelineRuns.createdAt, pipelineRuns.id);
}
