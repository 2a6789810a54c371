/**
 * `npm run bench pipeline`: the Health Synth pipeline over 1,000,000 patients (~5M appointments), each
 * step's time printed (targets: the whole run under 2 minutes), then every model's SQL timed on the DuckDB
 * warehouse against the same SQL on PostgreSQL over the same rows, measured in the same run: the intermediate
 * models the marts share (built once per run, their cost printed beside the marts' so it is not hidden) and
 * each mart (targets: under 100 ms on DuckDB and at least 10× faster than PostgreSQL). Also: reading each
 * published snapshot the way the API does. BENCH_PATIENTS and BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432) override.
 */
import { mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase } from '../../src/server/db/client.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { COLUMN_TYPES, fileSpec } from '../../src/pipeline/generate/columns.ts';
import { getRun, pipelineSettings, runDate } from '../../src/pipeline/runner/index.ts';
import { LocalObjectStore } from '../../src/pipeline/store/index.ts';
import { openDuck, scalar, type Duck } from '../../src/pipeline/warehouse/duck.ts';
import { MARTS } from '../../src/pipeline/warehouse/marts.ts';
import { readModels } from '../../src/pipeline/warehouse/models.ts';
import { ENTITIES } from '../../src/pipeline/warehouse/raw.ts';
import { readMart } from '../../src/pipeline/warehouse/snapshots.ts';

const PATIENTS = Number(process.env.BENCH_PATIENTS ?? 1_000_000);
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PG_DB = 'hs_bench_pipeline';
const DATE = '2026-11-20';
const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);

async function time(fn: () => Promise<unknown>): Promise<number> {
  const began = performance.now();
  await fn();
  return performance.now() - began;
}
async function repeat(n: number, fn: () => Promise<unknown>): Promise<number[]> {
  const runs: number[] = [];
  for (let i = 0; i < n; i++) runs.push(await time(fn));
  return runs;
}
/** What only writing a mart's rows costs on DuckDB (a copy of the published table): the floor for its SQL. */
async function writeFloor(duck: Duck, name: string): Promise<string> {
  const copy = `CREATE OR REPLACE TEMP TABLE bench_floor AS SELECT * FROM marts.${name}`;
  const ms = median(await repeat(3, () => duck.connection.run(copy)));
  const rows = await scalar(duck.connection, `SELECT count(*) FROM marts.${name}`);
  return `    (floor: only writing its ${rows.toLocaleString('en')} rows takes ${fmt(ms)} on DuckDB)`;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const dir = mkdtempSync(join(tmpdir(), 'healthsync-bench-pipeline-'));
chmodSync(dir, 0o755); // PostgreSQL's server process reads the staged CSVs with COPY FROM
const database = await openDatabase({ kind: 'pglite' });
await migrate(database);
const settings = pipelineSettings(join(dir, 'warehouse'), {
  patients: PATIENTS,
  attempts: 1,
  retryBaseMs: 1000,
  leaseMs: 60_000,
});
const store = new LocalObjectStore(join(dir, 'objects'));

console.log(
  `Pipeline run for ${DATE} over ${PATIENTS.toLocaleString('en')} patients (${String((await import('node:os')).availableParallelism())} CPUs)`,
);
const total = await time(async () => {
  const outcome = await runDate(
    {
      db: database.db,
      store,
      exclusive: true,
      retention: { appointmentDays: 3650, notificationDays: 365 },
      settings,
    },
    { date: DATE, source: 'synthetic', trigger: 'bench' },
  );
  if (outcome.status !== 'succeeded') throw new Error(`run failed: ${outcome.error ?? ''}`);
  const run = await getRun(database.db, outcome.runId);
  for (const s of run.steps) console.log(`  ${s.step.padEnd(10)} ${fmt(s.durationMs ?? 0).padStart(10)}`);
  const rows = run.steps.find((s) => s.step === 'load')!.output!.rows as Record<string, number>;
  console.log(`  rows: ${ENTITIES.map((e) => `${e} ${rows[e]!.toLocaleString('en')}`).join(', ')}`);
});
console.log(
  `  whole run  ${fmt(total).padStart(10)}   (target < 2 min: ${total < 120_000 ? 'met' : 'NOT met'})`,
);
await database.close();

// The same rows in PostgreSQL: raw tables with the catalogue's types, the staged CSVs copied in, the same
// staging tables (the models' SQL, unchanged), VACUUM ANALYZE (so autovacuum has nothing left to do while
// the queries are timed).
const admin = new pg.Client({ connectionString: PG_URL });
await admin.connect();
const adminDdl = (statement: string) => admin.query(statement);
await adminDdl(`DROP DATABASE IF EXISTS ${PG_DB} WITH (FORCE)`);
await adminDdl(`CREATE DATABASE ${PG_DB}`);
const pgUrl = new URL(PG_URL);
pgUrl.pathname = `/${PG_DB}`;
const client = new pg.Client({ connectionString: pgUrl.toString() });
await client.connect();
// A fair analytic setting for PostgreSQL (the default 4 MB sends every large hash and sort to disk).
await client.query("SET work_mem = '256MB'");
const models = readModels();
/** DDL and the models' own SQL text (identifiers from the catalogue, no input): the same statements DuckDB ran. */
const ddl = (statement: string) => client.query(statement);
const PG_TYPES: Record<string, string> = { TINYINT: 'SMALLINT', DOUBLE: 'DOUBLE PRECISION' };
try {
  const loadMs = await time(async () => {
    for (const schema of ['raw', 'staging', 'intermediate', 'meta']) await ddl(`CREATE SCHEMA ${schema}`);
    await client.query('CREATE TABLE meta.current (load_date DATE NOT NULL)');
    await client.query('INSERT INTO meta.current VALUES ($1)', [DATE]);
    for (const entity of ENTITIES) {
      const columns = fileSpec(entity).columns;
      const defs = columns.map(
        (c) => `"${c.name}" ${PG_TYPES[COLUMN_TYPES[c.type].sql] ?? COLUMN_TYPES[c.type].sql}`,
      );
      await ddl(`CREATE TABLE raw.${entity} (${defs.join(', ')}, load_date DATE NOT NULL DEFAULT '${DATE}')`);
      const file = store.pathOf(`raw/${entity}/date=${DATE}/${entity}.csv`);
      const names = columns.map((c) => `"${c.name}"`).join(', ');
      await ddl(`COPY raw.${entity} (${names}) FROM '${file}' WITH (FORMAT csv, HEADER true)`);
      await ddl(`VACUUM ANALYZE raw.${entity}`);
    }
    for (const m of models.filter((m) => m.layer === 'staging')) {
      await ddl(`CREATE TABLE staging.${m.name} AS ${m.sql}`);
      await ddl(`VACUUM ANALYZE staging.${m.name}`);
    }
  });
  console.log(
    `\nPostgreSQL: the same rows loaded and staged in ${fmt(loadMs)} (COPY, staging tables, VACUUM ANALYZE)`,
  );

  const duck = await openDuck(settings.warehousePath);
  console.log(
    '\nModel SQL (CREATE TABLE … AS <the model>), DuckDB median of 3 vs PostgreSQL median of 3 (intermediate: one run):',
  );
  console.log(
    `  ${'model'.padEnd(34)} ${'DuckDB'.padStart(10)} ${'PostgreSQL'.padStart(11)} ${'faster'.padStart(8)}  targets`,
  );
  // The intermediate models are built for real on both engines, as the transform does (DuckDB: an in-memory
  // database attached as `intermediate`), since the marts read them; PostgreSQL's build is timed once.
  await duck.connection.run(`ATTACH ':memory:' AS intermediate`);
  let intermediateMs = { duck: 0, pg: 0 };
  for (const m of models.filter((m) => m.layer === 'intermediate')) {
    const d = median(
      await repeat(3, () =>
        duck.connection.run(`CREATE OR REPLACE TABLE intermediate.${m.name} AS ${m.sql}`),
      ),
    );
    const p = await time(async () => {
      await ddl(`CREATE TABLE intermediate.${m.name} AS ${m.sql}`);
      await ddl(`VACUUM ANALYZE intermediate.${m.name}`);
    });
    intermediateMs = { duck: intermediateMs.duck + d, pg: intermediateMs.pg + p };
    console.log(
      `  ${m.id.padEnd(34)} ${fmt(d).padStart(10)} ${fmt(p).padStart(11)} ${`${(p / d).toFixed(1)}×`.padStart(8)}`,
    );
  }
  let met = 0;
  let martsMs = { duck: 0, pg: 0 };
  const marts = models.filter((m) => m.layer === 'marts');
  for (const m of marts) {
    const d = median(
      await repeat(3, () => duck.connection.run(`CREATE OR REPLACE TEMP TABLE bench AS ${m.sql}`)),
    );
    const p = median(
      await repeat(3, async () => {
        await client.query('DROP TABLE IF EXISTS bench');
        await ddl(`CREATE TEMP TABLE bench AS ${m.sql}`);
      }),
    );
    martsMs = { duck: martsMs.duck + d, pg: martsMs.pg + p };
    const ok = d < 100 && p / d >= 10;
    if (ok) met++;
    console.log(
      `  ${m.id.padEnd(34)} ${fmt(d).padStart(10)} ${fmt(p).padStart(11)} ${`${(p / d).toFixed(1)}×`.padStart(8)}  ${ok ? 'met' : 'NOT met'}`,
    );
    if (!ok) console.log(await writeFloor(duck, m.name));
  }
  console.log(
    `  ${String(met)} of ${String(marts.length)} marts meet both targets (< 100 ms on DuckDB, ≥ 10× PostgreSQL)`,
  );
  for (const [layer, t] of [
    ['intermediate', intermediateMs],
    ['marts', martsMs],
  ] as const)
    console.log(
      `  all ${layer.padEnd(30)} ${fmt(t.duck).padStart(10)} ${fmt(t.pg).padStart(11)} ${`${(t.pg / t.duck).toFixed(1)}×`.padStart(8)}`,
    );
  duck.close();

  console.log(
    '\nServing a published report as the API does (in-memory DuckDB over its snapshot, ≤ 10,000 rows), median of 3:',
  );
  for (const mart of MARTS.filter((m) => m.aggregated)) {
    const runs: number[] = [];
    let rows = 0;
    for (let i = 0; i < 3; i++)
      runs.push(
        await time(
          async () =>
            (rows = (await readMart(settings.snapshotDir, mart.name, { limit: 10_000 })).rows.length),
        ),
      );
    console.log(
      `  ${mart.name.padEnd(30)} ${fmt(median(runs)).padStart(10)}  ${rows.toLocaleString('en')} rows`,
    );
  }
} finally {
  await client.end();
  await adminDdl(`DROP DATABASE IF EXISTS ${PG_DB} WITH (FORCE)`);
  await admin.end();
  rmSync(dir, { recursive: true, force: true });
}
