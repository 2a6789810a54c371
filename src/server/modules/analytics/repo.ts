/** Drizzle queries of the analytics module's own (the runner's state functions live in src/pipeline). */
import { and, eq, gt, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { pipelineRuns } from '../../db/schema/index.ts';

/** True when a run of `date` is pending, or running under a live lease (a dead owner's run does not count). */
export async function runInProgress(db: Db, date: string, now: Date): Promise<boolean> {
  const rows = await db
    .select({ id: pipelineRuns.id })
    .from(pipelineRuns)
    .where(
      and(
        eq(pipelineRuns.runDate, date),
        or(
          eq(pipelineRuns.status, 'pending'),
          and(eq(pipelineRuns.status, 'running'), gt(pipelineRuns.leaseUntil, now)),
        ),
      ),
    )
    .limit(1);
  return rows.length > 0;
}
