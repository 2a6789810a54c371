/**
 * One run per date at a time, and the newest run of a date is its run (real PGlite/PostgreSQL state): a
 * second live run of a date is refused (also at the same moment), a dead one is retired by the next run, an
 * older unfinished run is never resumed or claimed after a newer one, and a queued run's job runs only a run
 * that is still pending.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/db.ts';
import type { Database } from '../../server/db/client.ts';
import { pipelineRuns } from '../../server/db/schema/index.ts';
import type { PipelineContext } from './context.ts';
import { resumeRuns, runQueued } from './index.ts';
import { testContext } from '../test-support/context.ts';
import { claimRun, createRun, finishRun, unfinishedRuns } from './state.ts';

let database: Database;
let dir: string;
let ctx: PipelineContext;
const input = (date: string) => ({ date, source: 'synthetic' as const, trigger: 'test' });

beforeAll(async () => {
  database = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'healthsync-supersede-'));
  ctx = testContext(database.db, dir, { patients: 100, attempts: 1 });
});

afterAll(async () => {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

const statusOf = async (id: string) =>
  (await database.db.select().from(pipelineRuns).where(eq(pipelineRuns.id, id)))[0]!.status;

describe('one live run per date', () => {
  it('refuses a second pending or running run of a date, also when asked at the same moment', async () => {
    const results = await Promise.allSettled(
      [1, 2, 3].map(() => createRun(database.db, input('2025-06-02'))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((x) => x.status === 'rejected'))
      expect(r.reason).toMatchObject({
        status: 409,
        code: 'pipeline.run_in_progress',
      });
    // Claimed by a caller that runs it now (the CLI): refused the same way.
    await expect(
      createRun(database.db, input('2025-06-02'), { claimFor: { owner: 'cli', leaseMs: 60_000 } }),
    ).rejects.toMatchObject({ code: 'pipeline.run_in_progress' });
  });

  it('retires a running run whose owner died (expired lease): the new run supersedes it', async () => {
    const dead = await createRun(database.db, input('2025-06-03'), {
      claimFor: { owner: 'gone', leaseMs: 60_000 },
    });
    await database.db.execute(
      sql`update pipeline_runs set lease_until = now() - interval '1 minute' where id = ${dead}`,
    );
    const fresh = await createRun(database.db, input('2025-06-03'));
    expect([await statusOf(dead), await statusOf(fresh)]).toEqual(['failed', 'pending']);
  });
});

describe('a newer run of a date supersedes older unfinished ones', () => {
  it('does not resume or claim an older failed run once a newer run of its date exists', async () => {
    // Only this test's runs are unfinished (the earlier tests' runs count as done).
    await database.db.execute(sql`update pipeline_runs set status = 'succeeded', lease_until = null`);
    const old = await createRun(database.db, input('2025-06-04'));
    await finishRun(database.db, old, 'failed', 'extract: boom');
    expect((await unfinishedRuns(database.db)).map((r) => r.id)).toContain(old);
    // The date is re-run, and that run succeeds.
    const rerun = await createRun(database.db, input('2025-06-04'));
    await finishRun(database.db, rerun, 'succeeded');
    expect((await unfinishedRuns(database.db)).map((r) => r.id)).not.toContain(old);
    expect(await claimRun(database.db, old, 'worker', 60_000)).toBe(false);
    // A worker restarting resumes nothing of that date (no older extract published over the re-run's).
    expect(await resumeRuns(ctx)).toEqual([]);
    expect(await statusOf(old)).toBe('failed');
  });

  it("a queued run's job runs only a run still pending", async () => {
    const superseded = await createRun(database.db, input('2025-06-05'));
    await finishRun(database.db, superseded, 'failed', 'abandoned');
    await createRun(database.db, input('2025-06-05'));
    expect(await runQueued(ctx, superseded)).toBeUndefined();
    const taken = await createRun(database.db, input('2025-06-06'));
    expect(await claimRun(database.db, taken, 'other-process', 60_000)).toBe(true);
    expect(await runQueued(ctx, taken)).toBeUndefined();
    expect(await statusOf(taken)).toBe('running');
  });
});
