/**
 * The pipeline end to end on a small generated data set (real PGlite/PostgreSQL state, real DuckDB, local
 * object store): every mart against an independent TypeScript computation over the staged CSV files,
 * re-runs that leave the warehouse identical, and a failing data test that keeps the previous marts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/db.ts';
import type { Database } from '../../server/db/client.ts';
import { outbox } from '../../server/db/schema/index.ts';
import { expectedMarts, parseCsv, type Inputs } from '../test-support/expected-marts.ts';
import { warehouseFingerprint } from '../test-support/fingerprint.ts';
import { MARTS } from '../warehouse/marts.ts';
import { readMart, readPointer } from '../warehouse/snapshots.ts';
import type { PipelineContext } from './context.ts';
import { executeRun } from './runner.ts';
import { createRun } from './state.ts';
import { getRun, runDate, STEPS } from './index.ts';
import { testContext } from '../test-support/context.ts';

const DATE = '2026-01-05';
let database: Database;
let dir: string;
let ctx: PipelineContext;

beforeAll(async () => {
  database = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'healthsync-pipeline-'));
  ctx = testContext(database.db, dir, { patients: 400, attempts: 2, exclusive: true });
});

afterAll(async () => {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

async function inputs(date: string): Promise<Inputs> {
  const read = async (entity: string) =>
    parseCsv(new TextDecoder().decode(await ctx.store.get(`raw/${entity}/date=${date}/${entity}.csv`)));
  return {
    doctors: await read('doctors'),
    patients: await read('patients'),
    appointments: await read('appointments'),
    records: await read('records'),
  };
}

const sortRows = (rows: readonly Record<string, unknown>[]) => [...rows].map((r) => JSON.stringify(r)).sort();

describe('a full run', () => {
  it('succeeds step by step and publishes marts equal to an independent computation', async () => {
    const outcome = await runDate(ctx, { date: DATE, source: 'synthetic', trigger: 'test' });
    expect(outcome).toMatchObject({ status: 'succeeded' });
    const run = await getRun(ctx.db, outcome.runId);
    expect(run.steps.map((s) => [s.step, s.status, s.attempts])).toEqual(
      ['extract', 'stage', 'load', 'transform', 'report', 'notify', 'retain'].map((s) => [s, 'succeeded', 1]),
    );
    const expected = expectedMarts(await inputs(DATE));
    expect(expected.appointments_per_patient![0]!.appointments).toBeGreaterThan(1000);
    for (const mart of MARTS) {
      const published = await readMart(ctx.settings.snapshotDir, mart.name);
      expect(published.rows.length, mart.name).toBeGreaterThan(0);
      expect(sortRows(published.rows), mart.name).toEqual(sortRows(expected[mart.name]!));
    }
  });

  it('stages Parquet, CSV and a manifest whose counts match the files', async () => {
    const manifest = JSON.parse(
      new TextDecoder().decode(await ctx.store.get(`raw/_manifests/date=${DATE}/manifest.json`)),
    ) as { entities: Record<string, { rows: number; csv: { key: string } }> };
    const data = await inputs(DATE);
    expect(manifest.entities.appointments!.rows).toBe(data.appointments.length);
    expect(manifest.entities.records!.rows).toBe(data.records.length);
    expect(await ctx.store.exists(`raw/patients/date=${DATE}/patients.parquet`)).toBe(true);
  });

  it('queues the summary and the three charts for the staff channels once', async () => {
    const events = await ctx.db.select().from(outbox).where(eq(outbox.topic, 'pipeline.report'));
    expect(events).toHaveLength(1);
    const payload = events[0]!.payload as {
      summary: string;
      attachments: { filename: string; contentBase64: string }[];
    };
    expect(payload.summary).toMatch(/appointments from .* no-shows/);
    expect(payload.attachments.map((a) => a.filename)).toEqual([
      'billing-per-doctor.png',
      'appointments-over-time.png',
      'conditions-by-specialty.png',
    ]);
    for (const a of payload.attachments) {
      expect(Buffer.from(a.contentBase64, 'base64').subarray(1, 4).toString()).toBe('PNG');
    }
    const svg = new TextDecoder().decode(await ctx.store.get(`reports/date=${DATE}/billing-per-doctor.svg`));
    expect(svg).toContain('Average billing per patient');
  });

  it('re-running the date leaves the warehouse identical', async () => {
    const before = await warehouseFingerprint(ctx.settings.warehousePath);
    expect(Object.keys(before)).toContain('raw.appointments');
    const again = await runDate(ctx, { date: DATE, source: 'synthetic', trigger: 'test' });
    expect(again.status).toBe('succeeded');
    expect(await warehouseFingerprint(ctx.settings.warehousePath)).toEqual(before);
  });
});

describe('a failing data test', () => {
  it('fails the run at transform and leaves the previous marts in place', async () => {
    const before = await warehouseFingerprint(ctx.settings.warehousePath);
    const pointer = readPointer(ctx.settings.snapshotDir);
    const published = await readMart(ctx.settings.snapshotDir, 'monthly_aggregates');
    // The next day's extract carries an appointment with a status no model accepts.
    const steps = {
      ...STEPS,
      extract: async (...args: Parameters<(typeof STEPS)['extract']>) => {
        const out = await STEPS.extract(...args);
        const files = out.files as Record<string, { path: string; rows: number }>;
        await appendFile(
          files.appointments!.path,
          '999999,1,2026-01-02T08:00:00-03:00,2026-01-02,No,1,1,2026-01-02T09:00:00-03:00,2026-01-02T09:20:00-03:00,rescheduled,0,General Practice,Checkup\n',
        );
        files.appointments!.rows += 1;
        return out;
      },
    };
    const runId = await createRun(ctx.db, { date: '2026-01-06', source: 'synthetic', trigger: 'test' });
    const outcome = await executeRun(ctx, runId, steps);
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toMatch(/accepted_values\(status\)/);
    const run = await getRun(ctx.db, runId);
    const transform = run.steps.find((s) => s.step === 'transform')!;
    expect([transform.status, transform.attempts]).toEqual(['failed', 1]);
    expect(run.steps.find((s) => s.step === 'report')!.status).toBe('pending');
    const after = await warehouseFingerprint(ctx.settings.warehousePath);
    for (const mart of MARTS)
      expect(after[`marts.${mart.name}`], mart.name).toBe(before[`marts.${mart.name}`]);
    expect(after['raw.appointments']).not.toBe(before['raw.appointments']);
    expect(readPointer(ctx.settings.snapshotDir)).toEqual(pointer);
    expect((await readMart(ctx.settings.snapshotDir, 'monthly_aggregates')).rows).toEqual(published.rows);
  });
});
