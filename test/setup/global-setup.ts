/**
 * Runs once per `npm test`: migrates a template database (and installs pg-boss's schema in it), so each
 * test file copies a ready database in ~0.5 s instead of migrating from scratch (2–4 s).
 * - Embedded (default): an in-memory PGlite, dumped to a tarball each file loads with `loadDataDir`.
 * - PostgreSQL (DATABASE_URL set, as in CI): the database named there becomes the template; each file
 *   gets `CREATE DATABASE … TEMPLATE …` and drops it afterwards.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { TestProject } from 'vitest/node';
import { openDatabase, type Database } from '../../src/server/db/client.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { JobRegistry, startJobs } from '../../src/server/jobs/index.ts';
import { dropCloneDatabases } from '../helpers/postgres.ts';

export type DbTemplate = { kind: 'pglite'; dumpPath: string } | { kind: 'postgres'; url: string };

declare module 'vitest' {
  export interface ProvidedContext {
    dbTemplate: DbTemplate;
  }
}

async function prepare(database: Database): Promise<void> {
  await migrate(database);
  const jobs = await startJobs(database, new JobRegistry(), {
    workers: false,
    logger: pino({ level: 'silent' }),
  });
  await jobs.stop();
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const database = await openDatabase({ kind: 'postgres', connectionString: url, poolSize: 2 });
    await prepare(database);
    await database.close();
    project.provide('dbTemplate', { kind: 'postgres', url });
    return () => dropCloneDatabases(url);
  }
  const database = await openDatabase({ kind: 'pglite' });
  await prepare(database);
  const dump = await database.pglite!.dumpDataDir('none');
  await database.close();
  const dir = mkdtempSync(join(tmpdir(), 'healthsync-test-'));
  const dumpPath = join(dir, 'template.tar');
  writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
  project.provide('dbTemplate', { kind: 'pglite', dumpPath });
  return async () => rmSync(dir, { recursive: true, force: true });
}
