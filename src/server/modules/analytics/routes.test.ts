/**
 * The analytics and pipeline-run routes on a real pipeline run: reports read from the published Parquet
 * snapshots (JSON, CSV, date filters), runs with their steps, step metrics on /metrics, admins only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_CONFIG } from '../../../../test/helpers/app.ts';
import { createTestDatabase } from '../../../../test/helpers/db.ts';
import { createCast, signIn, type SignedIn } from '../../../../test/helpers/fixtures.ts';
import { pipelineMetrics, pipelineSettings, runDate } from '../../../pipeline/runner/index.ts';
import { LocalObjectStore } from '../../../pipeline/store/index.ts';
import { readMart } from '../../../pipeline/warehouse/snapshots.ts';
import { build } from '../../app.ts';
import type { Database } from '../../db/client.ts';
import { createMetrics } from '../../http/metrics.ts';
import { JobRegistry, startJobs, type Jobs } from '../../jobs/index.ts';
import { registerPipelineJobs, PIPELINE_RESUME, PIPELINE_RUN_JOB } from './index.ts';
import { ANALYTICS_REPORTS } from './schema.ts';
import { createRun, getRun } from '../../../pipeline/runner/state.ts';

const DATE = '2026-03-02';
let dir: string;
let database: Database;
let jobs: Jobs;
let app: FastifyInstance;
let admin: SignedIn;
let doctor: SignedIn;
let runId: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'healthsync-analytics-'));
  database = await createTestDatabase();
  const metrics = createMetrics();
  const measured = pipelineMetrics(metrics.registry);
  const pipeline = {
    schedule: false,
    cron: '5 10 * * 1-5',
    timezone: 'America/Sao_Paulo',
    source: 'synthetic' as const,
    patients: 200,
    attempts: 1,
    retryBaseMs: 10,
    leaseMs: 5000,
    dir: join(dir, 'warehouse'),
  };
  const retention = { appointmentDays: 3650, notificationDays: 365 };
  const registry = new JobRegistry();
  const objectStore = { kind: 'local' as const, root: join(dir, 'objects') };
  const logger = pino({ level: 'silent' });
  registerPipelineJobs(registry, {
    config: { pipeline, objectStore, retention },
    database,
    logger,
    metrics: measured,
  });
  jobs = await startJobs(database, registry, { workers: true, pollingIntervalSeconds: 0.5, logger });
  app = await build({ config: { ...TEST_CONFIG, pipeline }, database, jobs, metrics });
  const outcome = await runDate(
    {
      db: database.db,
      store: new LocalObjectStore(join(dir, 'objects')),
      exclusive: true,
      retention,
      metrics: measured,
      settings: pipelineSettings(pipeline.dir, pipeline),
    },
    { date: DATE, source: 'synthetic', trigger: 'test' },
  );
  expect(outcome.status).toBe('succeeded');
  runId = outcome.runId;
  const cast = await createCast(database.db);
  [admin, doctor] = await Promise.all([signIn(app, cast.admin), signIn(app, cast.doctorA)]);
}, 120_000);

afterAll(async () => {
  await app.close();
  await jobs.stop();
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (url: string, who: SignedIn | undefined, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { ...(who?.headers ?? {}), ...headers } });

describe('GET /analytics', () => {
  it('lists the served reports and the published run date', async () => {
    const res = await get('/analytics', admin);
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      items: { name: string }[];
      latest: { date: string; runId: string };
      dates: string[];
    }>();
    expect(body.items.map((i) => i.name)).toEqual([...ANALYTICS_REPORTS]);
    expect(body.latest).toMatchObject({ date: DATE, runId });
    expect(body.dates).toEqual([DATE]);
  });

  it('serves every report as JSON, the same rows the snapshot holds', async () => {
    for (const name of ANALYTICS_REPORTS) {
      const res = await get(`/analytics/${name}`, admin);
      expect(res.statusCode, name).toBe(200);
      const body = res.json<{ date: string; rows: unknown[] }>();
      expect(body.date).toBe(DATE);
      expect(body.rows.length, name).toBeGreaterThan(0);
      expect(body.rows).toEqual((await readMart(join(dir, 'warehouse', 'marts'), name)).rows);
    }
  });

  it('filters by month and answers CSV by ?format=csv or Accept', async () => {
    const all = (await get('/analytics/monthly_aggregates', admin)).json<{ rows: { month: string }[] }>()
      .rows;
    const some = await get('/analytics/monthly_aggregates?from=2025-06-01&to=2025-08-01', admin);
    expect(some.json<{ rows: { month: string }[] }>().rows.map((r) => r.month)).toEqual(
      all.map((r) => r.month).filter((m) => m >= '2025-06-01' && m <= '2025-08-01'),
    );
    const csv = await get('/analytics/monthly_aggregates?format=csv&from=2025-06-01&to=2025-06-01', admin);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body.split('\r\n')[0]).toBe(
      'month,appointments,completed,no_shows,cancelled,patients,doctors',
    );
    expect(csv.body.split('\r\n')[1]).toMatch(/^2025-06-01,\d+,/);
    const limited = (await get('/analytics/monthly_aggregates?limit=2', admin)).json<{
      rows: unknown[];
      truncated: boolean;
    }>();
    expect([limited.rows.length, limited.truncated]).toEqual([2, true]);
    const accepted = await get('/analytics/no_show_by_lead_time', admin, { accept: 'text/csv' });
    expect(accepted.body.split('\r\n')[1]).toMatch(/^0,same day,\d+,\d+,0\.\d{4}$/);
  });

  it('refuses a reversed range, an unknown date, a per-patient mart and non-admins', async () => {
    expect((await get('/analytics/monthly_aggregates?from=2025-09-01&to=2025-01-01', admin)).statusCode).toBe(
      400,
    );
    const missing = await get('/analytics/monthly_aggregates?date=2020-01-01', admin);
    expect([missing.statusCode, missing.json<{ code: string }>().code]).toEqual([
      404,
      'analytics.not_published',
    ]);
    expect((await get('/analytics/patient_doctor_interactions', admin)).statusCode).toBe(400);
    expect((await get('/analytics/monthly_aggregates', doctor)).statusCode).toBe(403);
    expect((await get('/analytics/monthly_aggregates', undefined)).statusCode).toBe(401);
  });
});

describe('GET /pipeline/runs', () => {
  it('shows runs with steps, timings, row counts and logs', async () => {
    const list = await get('/pipeline/runs?limit=5', admin);
    expect(list.statusCode).toBe(200);
    const [run] = list.json<{ items: { id: string; status: string }[] }>().items;
    expect(run).toMatchObject({ id: runId, status: 'succeeded' });
    const one = await get(`/pipeline/runs/${runId}`, admin);
    const detail = one.json<{
      date: string;
      steps: {
        step: string;
        durationMs: number;
        output: { rows?: Record<string, number> };
        logs: string[];
      }[];
    }>();
    expect(detail.date).toBe(DATE);
    expect(detail.steps.map((s) => s.step)).toEqual([
      'extract',
      'stage',
      'load',
      'transform',
      'report',
      'notify',
      'retain',
    ]);
    const load = detail.steps.find((s) => s.step === 'load')!;
    expect(load.output.rows?.appointments).toBeGreaterThan(0);
    expect(load.logs[0]).toMatch(/loaded partition/);
    expect((await get('/pipeline/runs/01890000-0000-7000-8000-000000000000', admin)).statusCode).toBe(404);
    expect((await get('/pipeline/runs', doctor)).statusCode).toBe(403);
  });

  it('exposes step durations on /metrics', async () => {
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    expect(res.body).toMatch(/pipeline_step_duration_seconds_count\{step="transform",status="succeeded"\} 1/);
    expect(res.body).toContain('pipeline_runs_total{status="succeeded"} 1');
  });
});

describe('the pipeline.run job', () => {
  it('continues an unfinished run when a worker starts (resume), then serves its reports', async () => {
    const pending = await createRun(database.db, {
      date: '2026-03-03',
      source: 'synthetic',
      trigger: 'test',
    });
    await jobs.send(PIPELINE_RUN_JOB, PIPELINE_RESUME);
    const end = Date.now() + 90_000;
    let status = 'pending';
    while (status !== 'succeeded' && status !== 'failed' && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 250));
      status = (await getRun(database.db, pending)).status;
    }
    expect(status).toBe('succeeded');
    const list = (await get('/analytics', admin)).json<{ latest: { date: string }; dates: string[] }>();
    expect(list.latest.date).toBe('2026-03-03');
    expect(list.dates).toEqual(['2026-03-03', DATE]);
    const older = await get(`/analytics/monthly_aggregates?date=${DATE}`, admin);
    expect(older.json<{ date: string }>().date).toBe(DATE);
  }, 120_000);
});
