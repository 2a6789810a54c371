import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyTestDatabase } from '../../../test/helpers/db.ts';
import { queryRows, type Database } from './client.ts';
import { migrate } from './migrate.ts';

let database: Database;
beforeAll(async () => {
  database = await createEmptyTestDatabase();
});
afterAll(() => database.close());

describe('migrations', () => {
  it('apply from an empty database and create the core tables and constraints', async () => {
    const result = await migrate(database);
    expect(result.applied).toBeGreaterThanOrEqual(2);
    expect(result.total).toBe(result.applied);
    const tables = await queryRows<{ name: string }>(
      database.db,
      sql`select table_name as name from information_schema.tables where table_schema = 'public' order by 1`,
    );
    expect(tables.map((r) => r.name)).toEqual(
      expect.arrayContaining(['appointments', 'clinics', 'doctors', 'patients', 'users']),
    );
    const exclusions = await queryRows<{ name: string }>(
      database.db,
      sql`select conname as name from pg_constraint where contype = 'x' order by 1`,
    );
    expect(exclusions.map((r) => r.name)).toEqual([
      'appointments_doctor_no_overlap',
      'appointments_patient_no_overlap',
    ]);
  });

  it('are idempotent: a second run applies nothing', async () => {
    const again = await migrate(database);
    expect(again.applied).toBe(0);
    expect(again.total).toBeGreaterThanOrEqual(2);
  });
});
