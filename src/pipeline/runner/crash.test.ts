/**
 * Crash test: `healthsync pipeline run` in a child process is SIGKILLed in the middle of a step (the
 * HEALTHSYNC_PIPELINE_HALT_AT seam stops it there), and each `healthsync pipeline resume` is killed in the
 * middle of the next step, until a last resume finishes. The warehouse ends with exactly the contents of an
 * uninterrupted run, no finished step is redone, and the report is queued for the staff channels once.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cloneDatabase, dropDatabase } from '../../../test/helpers/postgres.ts';
import { openDatabase, type Database } from '../../server/db/client.ts';
import { outbox } from '../../server/db/schema/index.ts';
import { warehouseFingerprint } from '../test-support/fingerprint.ts';
import { STEP_NAMES, type StepName } from './dag.ts';

const CLI = join(import.meta.dirname, '../../cli/main.ts');
const DATE = '2026-02-02';
let dir: string;
let env: Record<string, string>;
let open: () => Promise<Database>;
let drop: () => Promise<void>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'healthsync-pipeline-crash-'));
  env = {
    DATA_DIR: dir,
    LOG_LEVEL: 'silent',
    DEMO_DATA: 'false',
    PIPELINE_PATIENTS: '100',
    PIPELINE_RETRY_BASE_SECONDS: '0.1',
    PIPELINE_LEASE_SECONDS: '0.5',
  };
  const template = inject('dbTemplate');
  if (template.kind === 'pglite') {
    const first = await openDatabase({
      kind: 'pglite',
      dataDir: dir,
      loadDataDir: new Blob([readFileSync(template.dumpPath)]),
    });
    await first.close();
    open = () => openDatabase({ kind: 'pglite', dataDir: dir });
    drop = async () => undefined;
  } else {
    const url = await cloneDatabase(template.url);
    env.DATABASE_URL = url;
    open = () => openDatabase({ kind: 'postgres', connectionString: url, poolSize: 2 });
    drop = () => dropDatabase(url);
  }
}, 60_000);

afterAll(async () => {
  await drop();
  rmSync(dir, { recursive: true, force: true });
});

interface Child {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI; with `haltAt`, SIGKILLs it as soon as it reports being halted in the middle of that step. */
function cli(args: string[], haltAt?: StepName): Promise<Child> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, ...env, ...(haltAt ? { HEALTHSYNC_PIPELINE_HALT_AT: haltAt } : {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (haltAt && stderr.includes(`halted in the middle of ${haltAt}`)) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

interface RunJson {
  runs: { id: string; status: string; steps: { step: StepName; status: string; attempts: number }[] }[];
}

const warehouse = () => join(dir, 'warehouse', 'warehouse.duckdb');
const wipeWarehouse = () => {
  rmSync(join(dir, 'warehouse'), { recursive: true, force: true });
  rmSync(join(dir, 'objects'), { recursive: true, force: true });
};

describe('a pipeline killed in the middle of a step', () => {
  it('resumes to the same warehouse as an uninterrupted run, killed once in every step', async () => {
    const clean = await cli(['pipeline', 'run', '--date', DATE, '--json']);
    expect(clean.code, clean.stderr).toBe(0);
    const expected = await warehouseFingerprint(warehouse());
    expect(Object.keys(expected)).toContain('marts.doctor_performance');
    const cleanRun = (JSON.parse(clean.stdout) as RunJson).runs[0]!;
    wipeWarehouse();

    // The same date again from an empty warehouse: killed in extract, then every resume is killed in the next
    // step, until a last resume finishes. Each resume starts at the first unfinished step.
    const first = await cli(['pipeline', 'run', '--date', DATE], STEP_NAMES[0]);
    expect(first.code, first.stderr).toBe(null);
    for (const step of STEP_NAMES.slice(1)) {
      const killed = await cli(['pipeline', 'resume'], step);
      expect(killed.code, `${step}: ${killed.stderr}`).toBe(null);
    }
    const resumed = await cli(['pipeline', 'resume', '--json']);
    expect(resumed.code, resumed.stderr).toBe(0);
    const [run] = (JSON.parse(resumed.stdout) as RunJson).runs;
    expect(run!.status).toBe('succeeded');
    // Killed once in each step and finished on the next try: no finished step was ever run again.
    expect(run!.steps.map((s) => [s.step, s.status, s.attempts])).toEqual(
      STEP_NAMES.map((s) => [s, 'succeeded', 2]),
    );
    expect(await warehouseFingerprint(warehouse())).toEqual(expected);

    const database = await open();
    try {
      const events = await database.db.select().from(outbox).where(eq(outbox.topic, 'pipeline.report'));
      for (const id of [cleanRun.id, run!.id]) {
        expect(
          events.filter((e) => e.payload.runId === id),
          id,
        ).toHaveLength(1);
      }
    } finally {
      await database.close();
    }
  }, 300_000);
});
