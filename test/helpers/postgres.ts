/** Test databases on a real PostgreSQL server: clones of the migrated template, one per test file. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = '/' + encodeURIComponent(name);
  return u.toString();
}

/** Runs admin statements (CREATE/DROP DATABASE) from the server's `postgres` database. */
async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

const ident = (name: string): string => `"${name.replaceAll('"', '""')}"`;

export async function cloneDatabase(templateUrl: string): Promise<string> {
  const template = databaseName(templateUrl);
  const name = `${template}_t${randomBytes(4).toString('hex')}`;
  await admin(templateUrl, `CREATE DATABASE ${ident(name)} TEMPLATE ${ident(template)}`);
  return withDatabase(templateUrl, name);
}

export async function dropDatabase(url: string): Promise<void> {
  await admin(url, `DROP DATABASE IF EXISTS ${ident(databaseName(url))} WITH (FORCE)`);
}

/** Removes clones a crashed test file left behind. */
export async function dropCloneDatabases(templateUrl: string): Promise<void> {
  const template = databaseName(templateUrl);
  const client = new pg.Client({ connectionString: withDatabase(templateUrl, 'postgres') });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE starts_with(datname, $1)`,
      [`${template}_t`],
    );
    for (const { datname } of rows) {
      // DDL takes no parameters: the name is quoted by ident().
      const drop = `DROP DATABASE IF EXISTS ${ident(datname)} WITH (FORCE)`;
      await client.query(drop);
    }
  } finally {
    await client.end();
  }
}

/** A new, empty database on the same server (for tests that start from nothing). */
export async function createEmptyDatabase(templateUrl: string): Promise<string> {
  const name = `${databaseName(templateUrl)}_t${randomBytes(4).toString('hex')}`;
  await admin(templateUrl, `CREATE DATABASE ${ident(name)} TEMPLATE template0`);
  return withDatabase(templateUrl, name);
}
