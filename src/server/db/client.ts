/**
 * The one driver seam: PGlite (embedded, in-process PostgreSQL) or node-postgres when DATABASE_URL is set.
 * Everything above this file sees a Drizzle `Db` and does not care which one it is.
 */
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Config } from '../config.ts';
import * as schema from './schema/index.ts';
import { acquireDataDirLock, type DataDirLock } from './lock.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle: the same query API as `Db`. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Rows of a raw SQL query (parameterized via the `sql` tag). Both drivers answer `{ rows }`. */
export async function queryRows<T>(db: Db | Tx, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}

/**
 * A hot query built and prepared once per database handle instead of on every call (Drizzle
 * `.prepare(name)` with `sql.placeholder`s): on PostgreSQL it becomes a named server-side statement,
 * parsed once per connection and planned generically, which is most of a point lookup's cost.
 */
export function preparedPer<P>(build: (db: Db | Tx) => P): (db: Db | Tx) => P {
  const cache = new WeakMap<Db | Tx, P>();
  return (db) => {
    let prepared = cache.get(db);
    if (!prepared) {
      prepared = build(db);
      cache.set(db, prepared);
    }
    return prepared;
  };
}

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  /** Embedded only: the PGlite instance (pg-boss runs on it through its adapter). */
  readonly pglite: PGlite | undefined;
  /** Server mode only: the connection string (pg-boss opens its own pool). */
  readonly connectionString: string | undefined;
  /** Embedded with a data dir: the single-owner lock (records the HTTP port for other commands). */
  readonly lock: DataDirLock | undefined;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type DatabaseOptions =
  | { kind: 'postgres'; connectionString: string; poolSize?: number }
  /** `dataDir` undefined = in memory (tests). `loadDataDir` = start from a dumped template. */
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob; lock?: boolean; command?: string };

export const PGLITE_EXTENSIONS = { btree_gist };

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.kind === 'postgres'
    ? openPostgres(options.connectionString, options.poolSize)
    : openPglite(options);
}

async function openPglite(options: Extract<DatabaseOptions, { kind: 'pglite' }>): Promise<Database> {
  let lock: DataDirLock | undefined;
  if (options.dataDir && options.lock !== false) lock = acquireDataDirLock(options.dataDir, options.command);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      ...(options.dataDir ? { dataDir: join(options.dataDir, 'pgdata') } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      extensions: PGLITE_EXTENSIONS,
    });
  } catch (err) {
    lock?.release();
    throw err;
  }
  const db = drizzlePglite(pglite, { schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    pglite,
    connectionString: undefined,
    lock,
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: async () => {
      try {
        if (!pglite.closed) await pglite.close();
      } finally {
        lock?.release();
      }
    },
  };
}

async function openPostgres(connectionString: string, poolSize = 10): Promise<Database> {
  // Named (prepared) statements are our hot point lookups: plan them once per connection, generically,
  // instead of re-planning on every execution (unnamed statements are unaffected).
  const pool = new pg.Pool({
    connectionString,
    max: poolSize,
    options: '-c plan_cache_mode=force_generic_plan',
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  keepConnectionsOnServerErrors(pool);
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  let closed = false;
  return {
    kind: 'postgres',
    db,
    pglite: undefined,
    connectionString,
    lock: undefined,
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/**
 * pg-pool's own query() destroys the connection after ANY error, even one the server reported on a
 * healthy connection: every refused booking (an EXCLUDE violation, answered 409) then cost a new backend
 * process and re-preparing the named statements, about a fifth of the booking throughput under load.
 * Errors the server sent (a SQLSTATE, the connection still in sync) keep the connection; any other error
 * still drops it, and the pool itself drops connections that are no longer queryable.
 */
function keepConnectionsOnServerErrors(pool: pg.Pool): void {
  const query = async (config: pg.QueryConfig, values?: unknown[]) => {
    const client = await pool.connect();
    // A connection lost mid-query also emits 'error' on its client (as well as failing the query): like
    // pg-pool's own query(), listen while it is checked out, or that event would end the process.
    let lost: Error | undefined;
    const onError = (err: Error) => (lost = err);
    client.on('error', onError);
    try {
      const result = await client.query(config, values);
      client.removeListener('error', onError);
      client.release(lost);
      return result;
    } catch (err) {
      client.removeListener('error', onError);
      client.release(lost ?? (serverErrorOnHealthyConnection(err) ? undefined : (err as Error)));
      throw err;
    }
  };
  pool.query = query as typeof pool.query;
}

/** An ERROR the server answered with: the session goes on (FATAL and PANIC end it). */
function serverErrorOnHealthyConnection(err: unknown): boolean {
  return err instanceof pg.DatabaseError && err.severity !== 'FATAL' && err.severity !== 'PANIC';
}

/** The database the configuration names: PostgreSQL when DATABASE_URL is set, else the embedded data dir. */
export function openConfiguredDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  command: string,
): Promise<Database> {
  return config.databaseUrl
    ? openDatabase({ kind: 'postgres', connectionString: config.databaseUrl })
    : openDatabase({ kind: 'pglite', dataDir: config.dataDir, command });
}
