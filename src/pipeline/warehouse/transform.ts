/**
 * The transform: staging tables over the chosen partition, then every mart built beside the published one
 * (`marts."<name>__next"`) and tested there. Only when every data test passes are the marts published, all in one
 * transaction; a failing test leaves the previously published marts exactly as they were.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { AppError } from '../../core/errors.ts';
import { runTests, type TestFailure } from './checks.ts';
import { ident, scalar, transaction } from './duck.ts';
import { readModels, type Model } from './models.ts';
import { ensureSchema, setCurrent } from './raw.ts';
import { testsOf } from './tests.ts';

export interface TransformResult {
  readonly marts: Record<string, number>;
  readonly tests: number;
}

export class DataTestsFailed extends AppError {
  readonly failures: readonly TestFailure[];
  constructor(failures: readonly TestFailure[]) {
    const list = failures.map((f) => `${f.model} ${f.test}: ${String(f.failingRows)} failing`).join('; ');
    super(422, 'pipeline.data_tests_failed', 'Data tests failed', {
      detail: `${String(failures.length)} data test(s) failed, marts not published: ${list}`,
    });
    this.failures = failures;
  }
}

export async function transform(
  connection: DuckDBConnection,
  date: string,
  runId: string,
  models: readonly Model[] = readModels(),
  /** Called after the marts are built and tested, before they are published (the crash test halts there). */
  midway?: () => Promise<void>,
): Promise<TransformResult> {
  await ensureSchema(connection);
  await setCurrent(connection, date);
  // Staging and intermediate models are materialized once per run: the marts and tests then scan typed,
  // pre-joined columns, not the raw partitions again. Each layer is tested before the next reads it.
  const tests = await buildLayer(connection, models, 'staging');
  // The intermediate tables are scratch for this run's marts: an in-memory database attached under that
  // name (`intermediate.x` reads the same as a schema, and on PostgreSQL it is one), so 10M rows are not
  // compressed and written to the warehouse file only to be replaced tomorrow (about 2× the build time).
  // Attachments belong to the DuckDB instance: each run opens its own (runner.ts), one run at a time (the
  // warehouse's single writer, DESIGN.md §3), so no other transform shares or detaches this one.
  await connection.run(`ATTACH IF NOT EXISTS ':memory:' AS intermediate`);
  try {
    const more = await buildLayer(connection, models, 'intermediate');
    return await buildMarts(connection, models, date, runId, tests + more, midway);
  } finally {
    await connection.run('DETACH DATABASE IF EXISTS intermediate');
  }
}

/** Each mart built and tested beside the published one, then all published together (or none). */
async function buildMarts(
  connection: DuckDBConnection,
  models: readonly Model[],
  date: string,
  runId: string,
  tests: number,
  midway?: () => Promise<void>,
): Promise<TransformResult> {
  const failures: TestFailure[] = [];
  const marts = models.filter((m) => m.layer === 'marts');
  await dropCandidates(connection, marts);
  try {
    for (const model of marts) {
      if (model.dependsOn.some((d) => d.startsWith('marts.')))
        throw new Error(`mart ${model.id} may read staging and intermediate tables only`);
      const table = candidate(model);
      await connection.run(`CREATE TABLE ${table} AS ${model.sql}`);
      const own = testsOf(model.id);
      tests += own.length;
      failures.push(...(await runTests(connection, own, table)));
    }
    if (failures.length > 0) throw new DataTestsFailed(failures);
    await midway?.();
    const counts = await publish(connection, marts, date, runId);
    return { marts: counts, tests };
  } finally {
    await dropCandidates(connection, marts);
  }
}

/** Builds every model of a layer as `<layer>.<name>`, then runs their data tests (which may look across the
 * layer's tables, e.g. relationships); any failure stops the run before a mart is touched. */
async function buildLayer(
  connection: DuckDBConnection,
  models: readonly Model[],
  layer: 'staging' | 'intermediate',
): Promise<number> {
  const own = models.filter((m) => m.layer === layer);
  for (const model of own) {
    await connection.run(`CREATE OR REPLACE TABLE ${layer}.${ident(model.name)} AS ${model.sql}`);
  }
  let tests = 0;
  const failures: TestFailure[] = [];
  for (const model of own) {
    const checks = testsOf(model.id);
    tests += checks.length;
    failures.push(...(await runTests(connection, checks, model.id)));
  }
  if (failures.length > 0) throw new DataTestsFailed(failures);
  return tests;
}

/** A mart is built as `marts."<name>__next"`, tested, and published by renaming it over the old one. */
const candidate = (model: Model) => `marts.${ident(`${model.name}__next`)}`;

async function dropCandidates(connection: DuckDBConnection, marts: readonly Model[]): Promise<void> {
  for (const model of marts) await connection.run(`DROP TABLE IF EXISTS ${candidate(model)}`);
}

async function publish(
  connection: DuckDBConnection,
  marts: readonly Model[],
  date: string,
  runId: string,
): Promise<Record<string, number>> {
  return transaction(connection, async () => {
    const counts: Record<string, number> = {};
    for (const model of marts) {
      const name = ident(model.name);
      // A rename, not a copy: publishing costs the same for ten rows or ten million.
      await connection.run(`DROP TABLE IF EXISTS marts.${name}`);
      await connection.run(`ALTER TABLE ${candidate(model)} RENAME TO ${name}`);
      counts[model.name] = await scalar(connection, `SELECT count(*) FROM marts.${name}`);
    }
    await connection.run('DELETE FROM meta.published');
    await connection.run('INSERT INTO meta.published VALUES ($1, CAST($2 AS DATE), now())', [runId, date]);
    return counts;
  });
}
