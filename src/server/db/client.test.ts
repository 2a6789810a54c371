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
});
