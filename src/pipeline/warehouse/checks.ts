/**
 * Data tests, dbt style: each one is a query counting the rows that break it; any non-zero count fails the
 * transform, so the new marts are never published. `{t}` in a test stands for the table under test (the
 * staging table, or the freshly built mart before it is published).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { ident, literal, scalar } from './duck.ts';

export interface DataTest {
  readonly model: string;
  readonly name: string;
  /** Counts failing rows; `{t}` is replaced by the table under test. */
  readonly query: string;
}

const cols = (list: readonly string[]) => list.map(ident).join(', ');

export const notNull = (model: string, columns: readonly string[]): DataTest => ({
  model,
  name: `not_null(${columns.join(', ')})`,
  query: `SELECT count(*) FROM {t} WHERE ${columns.map((c) => `${ident(c)} IS NULL`).join(' OR ')}`,
});

export const unique = (model: string, columns: readonly string[]): DataTest => ({
  model,
  name: `unique(${columns.join(', ')})`,
  query: `SELECT count(*) FROM (SELECT ${cols(columns)} FROM {t} GROUP BY ALL HAVING count(*) > 1)`,
});

/** Every non-null `column` appears as `toColumn` of the staging table `to`. */
export const relationship = (model: string, column: string, to: string, toColumn: string): DataTest => ({
  model,
  name: `relationship(${column} → ${to}.${toColumn})`,
  query: `SELECT count(*) FROM {t} AS x WHERE x.${ident(column)} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${to} AS y WHERE y.${ident(toColumn)} = x.${ident(column)})`,
});

export const acceptedValues = (model: string, column: string, values: readonly string[]): DataTest => ({
  model,
  name: `accepted_values(${column})`,
  query: `SELECT count(*) FROM {t} WHERE ${ident(column)} NOT IN (${values.map(literal).join(', ')})`,
});

/** Row-count sanity: `expression` (over {t}) must hold; counted as one failure when it does not. */
export const sanity = (model: string, name: string, expression: string): DataTest => ({
  model,
  name: `row_count(${name})`,
  query: `SELECT CASE WHEN (${expression}) THEN 0 ELSE 1 END`,
});

export interface TestFailure {
  readonly model: string;
  readonly test: string;
  readonly failingRows: number;
}

/** Runs the tests of one model against `table`; returns the failures (empty when all pass). */
export async function runTests(
  connection: DuckDBConnection,
  tests: readonly DataTest[],
  table: string,
): Promise<TestFailure[]> {
  const failures: TestFailure[] = [];
  for (const test of tests) {
    const failing = await scalar(connection, test.query.replaceAll('{t}', table));
    if (failing > 0) failures.push({ model: test.model, test: test.name, failingRows: failing });
  }
  return failures;
}
