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
  let tests = 0;
  const failures: TestFailure[] = [];
  const staging = models.filter((m) => m.layer === 'staging');
  // Staging models are materialized once per run: the marts and tests then scan typed columns, not the
  // raw partitions again.
  for (const model of staging) {
    await connection.run(`CREATE OR REPLACE TABLE staging.${ident(model.name)} AS ${model.sql}`);
  }
  // Tests may look across staging tables (relationships), so they run once every one exists.
  for (const model of staging) {
    const own = testsOf(model.id);
    tests += own.length;
    failures.push(...(await runTests(connection, own, model.id)));
  }
  if (failures.length > 0) throw new DataTestsFailed(failures);
  const marts = models.filter((m) => m.layer === 'marts');
  await dropCandidates(connection, marts);
  try {
    for (const model of marts) {
      if (model.dependsOn.some((d) => d.startsWith('marts.')))
        throw new Error(`mart ${model.id} may read staging tables only`);
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
