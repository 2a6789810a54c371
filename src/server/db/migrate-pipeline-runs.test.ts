/**
 * Migration 0014 on data an earlier version could leave (several pending or running runs of one date): the
 * older ones are marked failed (superseded) and the one-live-run-per-date index is built; other dates and
 * finished runs stay as they were.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/db.ts';
import { queryRows, type Database } from './client.ts';

const MIGRATION = new URL('./migrations/0014_pipeline_one_active_run.sql', import.meta.url);
let database: Database;

beforeAll(async () => {
  database = await createTestDatabase();
  // Back to the state before 0014: no index, duplicates allowed.
  await database.db.execute(sql`drop index pipeline_runs_one_active_per_date`);
});
afterAll(() => database.close());

/** The file's statements as they are, through the driver (as the migrator runs them). */
async function applyFile(text: string): Promise<void> {
  if (database.kind === 'pglite') {
    await database.pglite!.exec(text);
    return;
  }
  const client = new pg.Client({ connectionString: database.connectionString });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

const run = (n: number, date: string, status: string, minutesAgo: number) =>
  sql`(${`00000000-0000-7000-8000-00000000000${String(n)}`}, ${date}, 'synthetic', 'admin', ${status},
    now() - make_interval(mins => ${minutesAgo}))`;

describe('migration 0014 (one pending or running run per date)', () => {
  it('supersedes the older live runs of a date, then builds the unique index', async () => {
    await database.db
      .execute(sql`insert into pipeline_runs (id, run_date, source, trigger, status, created_at)
      values ${sql.join(
        [
          run(1, '2026-01-01', 'pending', 3),
          run(2, '2026-01-01', 'pending', 2),
          run(3, '2026-01-01', 'running', 1),
          run(4, '2026-01-02', 'running', 2),
          run(5, '2026-01-02', 'failed', 1),
          run(6, '2026-01-03', 'pending', 0),
          run(7, '2026-01-04', 'succeeded', 0),
        ],
        sql`, `,
      )}`);
    await applyFile(readFileSync(MIGRATION, 'utf8'));
    const rows = await queryRows<{ id: string; status: string }>(
      database.db,
      sql`select right(id::text, 1) as id, status from pipeline_runs order by id`,
    );
    expect(rows.map((r) => `${r.id}:${r.status}`)).toEqual([
      '1:failed',
      '2:failed',
      '3:running',
      '4:failed',
      '5:failed',
      '6:pending',
      '7:succeeded',
    ]);
    await expect(
      database.db.execute(sql`insert into pipeline_runs (id, run_date, source, trigger, status)
        values ('00000000-0000-7000-8000-000000000009', '2026-01-03', 'synthetic', 'admin', 'running')`),
    ).rejects.toThrow();
  });
});
