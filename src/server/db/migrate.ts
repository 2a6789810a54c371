/** Applies the checked-in SQL migrations (drizzle-kit generated, plus hand-written ones). */
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import pg from 'pg';
import { queryRows, type Database, type Schema } from './client.ts';
import { loadIcd10 } from './icd10/load.ts';

export const MIGRATIONS_FOLDER = join(import.meta.dirname, 'migrations');

/** Arbitrary constant: serializes migrations across processes starting at once on one server. */
const MIGRATION_LOCK_KEY = 7_242_001;

export interface MigrationResult {
  /** Migrations applied by this call. */
  applied: number;
  /** Migrations recorded in the database afterwards. */
  total: number;
}

/** Counts rows in Drizzle's bookkeeping table; 0 on an empty database. */
async function appliedCount(database: Database): Promise<number> {
  const [table] = await queryRows<{ t: string | null }>(
    database.db,
    sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`,
  );
  if (!table?.t) return 0;
  const [count] = await queryRows<{ n: number }>(
    database.db,
    sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
  );
  return count?.n ?? 0;
}

export async function migrate(database: Database): Promise<MigrationResult> {
  const before = await appliedCount(database);
  await applyMigrations(database);
  // Reference lists the schema relies on (diagnosis codes) come with the migrations, once per version.
  await loadIcd10(database.db);
  const total = await appliedCount(database);
  return { applied: total - before, total };
}

async function applyMigrations(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as unknown as PgliteDatabase<Schema>, {
      migrationsFolder: MIGRATIONS_FOLDER,
    });
    return;
  }
  // A session-level advisory lock needs one connection for lock, migrate and unlock.
  const client = new pg.Client({ connectionString: database.connectionString });
  await client.connect();
  try {
    const db = drizzlePg(client);
    await db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
    try {
      await migratePg(db, { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
    }
  } finally {
    await client.end();
  }
}
