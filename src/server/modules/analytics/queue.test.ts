/**
 * POST /pipeline/runs on a real database and a real pg-boss queue (no workers here, so the job waits where
 * the worker would take it): what is queued, 409 while a run of the date is in progress, 422 for a day that
 * has not begun, admins only, and no pipeline configured.
 */
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_CONFIG, type TestApp } from '../../../../test/helpers/app.ts';
import { createTestDatabase } from '../../../../test/helpers/db.ts';
import { createCast, signIn, type SignedIn } from '../../../../test/helpers/fixtures.ts';
import { pipelineMetrics } from '../../../pipeline/runner/metrics.ts';
import { claimRun, createRun } from '../../../pipeline/runner/state.ts';
import { build } from '../../app.ts';
import type { Database } from '../../db/client.ts';
import { createMetrics } from '../../http/metrics.ts';
import { JobRegistry, startJobs, type Jobs } from '../../jobs/index.ts';
import { registerPipelineJobs } from './index.ts';
import { todayIn } from './queue.ts';

const ZONE = 'America/Sao_Paulo';
let database: Database;
let jobs: Jobs;
let app: FastifyInstance;
let admin: SignedIn;
let doctor: SignedIn;

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

describe('POST /pipeline/runs', () => {
  it('queues a run of today in the pipeline zone for the worker (202), with the configured source', async () => {
    const res = await post({}, admin);
    expect(res.statusCode).toBe(202);
    const body = res.json<{ jobId: string; date: string; source: string; queuedAt: string }>();
    expect(body).toMatchObject({ date: todayIn(ZONE, new Date()), source: 'synthetic' });
    expect(Date.parse(body.queuedAt)).not.toBeNaN();
    expect(await queuedJob(body.jobId)).toEqual({ date: body.date, source: 'synthetic', trigger: 'admin' });
  });

  it('queues a re-run of a past date with the source asked for', async () => {
    const res = await post({ date: '2026-03-02', source: 'platform' }, admin);
    expect(res.statusCode).toBe(202);
    const { jobId } = res.json<{ jobId: string }>();
    expect(await queuedJob(jobId)).toEqual({ date: '2026-03-02', source: 'platform', trigger: 'admin' });
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
