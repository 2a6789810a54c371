/**
 * POST /pipeline/runs on a real database and a real pg-boss queue (no workers here, so the job waits where
 * the worker would take it): what is queued, 409 while a run of the date is in progress (also for requests at
 * the same moment), a new request once the pending run was abandoned, the scheduled job not doubling an
 * admin's run, 422 for a day that has not begun, admins only, and no pipeline configured.
 */
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_CONFIG, type TestApp } from '../../../../test/helpers/app.ts';
import { createTestDatabase } from '../../../../test/helpers/db.ts';
import { createCast, signIn, type SignedIn } from '../../../../test/helpers/fixtures.ts';
import { pipelineMetrics } from '../../../pipeline/runner/metrics.ts';
import { claimRun, createRun } from '../../../pipeline/runner/state.ts';
import { build } from '../../app.ts';
import type { Database } from '../../db/client.ts';
import { pipelineRuns } from '../../db/schema/index.ts';
import { createMetrics } from '../../http/metrics.ts';
import { JobRegistry, startJobs, type Jobs } from '../../jobs/index.ts';
import { registerPipelineJobs } from './index.ts';
import { todayIn } from '../../demo/zoned.ts';

const ZONE = 'America/Sao_Paulo';
let database: Database;
let jobs: Jobs;
let app: FastifyInstance;
let admin: SignedIn;
let doctor: SignedIn;
let runJob: (data: object) => Promise<unknown>;

beforeAll(async () => {
  database = await createTestDatabase();
  const metrics = createMetrics();
  const pipeline = {
    schedule: false,
    cron: '5 10 * * 1-5',
    timezone: ZONE,
    source: 'synthetic' as const,
    patients: 200,
    attempts: 1,
    retryBaseMs: 10,
    leaseMs: 5000,
    dir: '/nonexistent/warehouse',
  };
  const registry = new JobRegistry();
  const logger = pino({ level: 'silent' });
  registerPipelineJobs(registry, {
    config: {
      pipeline,
      objectStore: { kind: 'local', root: '/nonexistent/objects' },
      retention: { appointmentDays: 3650, notificationDays: 365 },
    },
    database,
    logger,
    metrics: pipelineMetrics(metrics.registry),
  });
  const def = registry.list().find((d) => d.name === 'pipeline.run')!;
  runJob = (data) => def.handler([{ id: 'test', name: def.name, data } as never]);
  jobs = await startJobs(database, registry, { workers: false, logger });
  app = await build({ config: { ...TEST_CONFIG, pipeline }, database, jobs, metrics });
  const cast = await createCast(database.db);
  [admin, doctor] = await Promise.all([signIn(app, cast.admin), signIn(app, cast.doctorA)]);
}, 60_000);

afterAll(async () => {
  await app.close();
  await jobs.stop();
  await database.close();
});

const post = (body: unknown, who: SignedIn | undefined, on = app) =>
  on.inject({
    method: 'POST',
    url: '/api/v1/pipeline/runs',
    headers: who?.headers ?? {},
    payload: body as object,
  });

async function queuedJob(id: string): Promise<unknown> {
  const res = await database.db.execute(sql`select data from pgboss.job where id = ${id}`);
  // Both drivers answer { rows }.
  return (res as { rows: { data: unknown }[] }).rows[0]?.data;
}

async function jobsOfDate(date: string): Promise<number> {
  const res = await database.db.execute(
    sql`select count(*)::int as n from pgboss.job where name = 'pipeline.run' and data->>'date' = ${date}`,
  );
  return (res as { rows: { n: number }[] }).rows[0]!.n;
}

const runsOf = (date: string) =>
  database.db
    .select()
    .from(pipelineRuns)
    .where(eq(pipelineRuns.runDate, date))
    .orderBy(pipelineRuns.createdAt);

describe('POST /pipeline/runs', () => {
  it('queues a run of today in the pipeline zone for the worker (202), with the configured source', async () => {
    const res = await post({}, admin);
    expect(res.statusCode).toBe(202);
    const body = res.json<{ jobId: string; runId: string; date: string; source: string; queuedAt: string }>();
    expect(body).toMatchObject({ date: todayIn(ZONE, new Date()), source: 'synthetic' });
    expect(Date.parse(body.queuedAt)).not.toBeNaN();
    expect(await queuedJob(body.jobId)).toEqual({
      runId: body.runId,
      date: body.date,
      source: 'synthetic',
      trigger: 'admin',
    });
    // The run exists at once, pending: the job runs exactly it.
    expect(await runsOf(body.date)).toMatchObject([{ id: body.runId, status: 'pending', trigger: 'admin' }]);
  });

  it('queues a re-run of a past date with the source asked for', async () => {
    const res = await post({ date: '2026-03-02', source: 'platform' }, admin);
    expect(res.statusCode).toBe(202);
    const { jobId, runId } = res.json<{ jobId: string; runId: string }>();
    expect(await queuedJob(jobId)).toEqual({
      runId,
      date: '2026-03-02',
      source: 'platform',
      trigger: 'admin',
    });
  });

  it('of requests for one date at the same moment, accepts exactly one (202) and refuses the rest (409)', async () => {
    const date = '2026-03-09';
    const answers = await Promise.all([1, 2, 3, 4].map(() => post({ date }, admin)));
    const codes = answers.map((r) => r.statusCode).sort();
    expect(codes).toEqual([202, 409, 409, 409]);
    for (const r of answers.filter((a) => a.statusCode === 409))
      expect(r.json<{ code: string }>().code).toBe('pipeline.run_in_progress');
    // A request later, while the run waits for the worker: refused too.
    expect((await post({ date }, admin)).statusCode).toBe(409);
    expect(await jobsOfDate(date)).toBe(1);
    expect((await runsOf(date)).map((r) => r.status)).toEqual(['pending']);
  });

  it('accepts a new request once the pending run is abandoned (its job no longer queued)', async () => {
    const date = '2026-03-10';
    const first = await post({ date }, admin);
    expect(first.statusCode).toBe(202);
    const { jobId, runId } = first.json<{ jobId: string; runId: string }>();
    const age = sql`update pipeline_runs set created_at = now() - interval '10 minutes' where id = ${runId}`;
    await database.db.execute(age);
    // Old, but its job still waits (e.g. behind a long run): still in progress.
    expect((await post({ date }, admin)).statusCode).toBe(409);
    // Its job expired or failed without a worker ever starting the run: no one will.
    await database.db.execute(sql`update pgboss.job set state = 'failed' where id = ${jobId}`);
    const again = await post({ date }, admin);
    expect(again.statusCode).toBe(202);
    const runs = await runsOf(date);
    expect(runs.map((r) => [r.id, r.status])).toEqual([
      [runId, 'failed'],
      [again.json<{ runId: string }>().runId, 'pending'],
    ]);
    expect(runs[0]!.error).toMatch(/superseded/);
  });

  it('the scheduled job does not run a date an admin queued a run of', async () => {
    const res = await post({}, admin);
    const date = todayIn(ZONE, new Date());
    // The first test queued today already; either way one pending run of today exists.
    expect([202, 409]).toContain(res.statusCode);
    const before = await runsOf(date);
    expect(before.filter((r) => r.status === 'pending')).toHaveLength(1);
    await runJob({ trigger: 'schedule' });
    expect(await runsOf(date)).toEqual(before);
  });

  it('answers 409 while a run of the date is pending or running, not once its owner died', async () => {
    const pending = await createRun(database.db, {
      date: '2026-02-02',
      source: 'synthetic',
      trigger: 'test',
    });
    const res = await post({ date: '2026-02-02' }, admin);
    expect([res.statusCode, res.json<{ code: string }>().code]).toEqual([409, 'pipeline.run_in_progress']);
    // Claimed under a lease: still in progress.
    expect(await claimRun(database.db, pending, 'other-process', 60_000)).toBe(true);
    expect((await post({ date: '2026-02-02' }, admin)).statusCode).toBe(409);
    // The owner's lease ran out (it died): a new run may be queued.
    await database.db.execute(
      sql`update pipeline_runs set lease_until = now() - interval '1 minute' where id = ${pending}`,
    );
    expect((await post({ date: '2026-02-02' }, admin)).statusCode).toBe(202);
  });

  it('refuses a day that has not begun (422) and a malformed date (400), naming the field', async () => {
    const future = await post({ date: '2999-01-01' }, admin);
    expect(future.statusCode).toBe(422);
    const problem = future.json<{ code: string; errors: { path: string; message: string }[] }>();
    expect(problem.code).toBe('pipeline.future_date');
    expect(problem.errors[0]).toMatchObject({ path: 'body.date' });
    expect(problem.errors[0]!.message).toMatch(/must not be after today/);
    for (const date of ['2026-02-30', '02/03/2026', 20260302]) {
      const bad = await post({ date }, admin);
      expect(bad.statusCode, String(date)).toBe(400);
      const p = bad.json<{ code: string; errors: { path: string }[] }>();
      expect(p.code).toBe('validation.failed');
      expect(p.errors.map((e) => e.path)).toContain('body.date');
    }
    const source = await post({ source: 'csv' }, admin);
    expect(source.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toContain('body.source');
  });

  it('is for admins only', async () => {
    expect((await post({}, doctor)).statusCode).toBe(403);
    expect((await post({}, undefined)).statusCode).toBe(401);
  });
});

describe('POST /pipeline/runs without a pipeline', () => {
  let bare: TestApp;
  beforeAll(async () => {
    bare = await createTestApp();
  });
  afterAll(() => bare.close());

  it('answers 409 pipeline.not_configured', async () => {
    const cast = await createCast(bare.database.db);
    const who = await signIn(bare.app, cast.admin);
    const res = await post({}, who, bare.app);
    expect([res.statusCode, res.json<{ code: string }>().code]).toEqual([409, 'pipeline.not_configured']);
  });
});
