import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/db.ts';
import { queryRows, type Database } from './client.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const backend = async () =>
  (await queryRows<{ pid: number }>(database.db, sql`select pg_backend_pid() as pid`))[0]!.pid;

describe('database connections', () => {
  it('survive an error the server reports (a refused booking must not cost a new connection)', async () => {
    const before = await backend();
    for (let i = 0; i < 3; i++) {
      await expect(database.db.execute(sql`select 1 / ${0}::int`)).rejects.toThrow();
    }
    expect(await backend()).toBe(before);
    const [row] = await queryRows<{ n: number }>(database.db, sql`select 2 + ${2}::int as n`);
    expect(row!.n).toBe(4);
  });

  it('are replaced after the server ends one (FATAL), and the next query still works', async () => {
    // Embedded PGlite has one in-process session and no backends to terminate: the server case only.
    if (database.kind !== 'postgres') return;
    const before = await backend();
    await expect(database.db.execute(sql`select pg_terminate_backend(pg_backend_pid())`)).rejects.toThrow();
    const after = await backend();
    expect(after).not.toBe(before);
  });
});
