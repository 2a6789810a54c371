/** A fresh, migrated database for one test file: a copy of the template made by the global setup. */
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/server/db/client.ts';
import { cloneDatabase, createEmptyDatabase, dropDatabase } from './postgres.ts';

export async function createTestDatabase(): Promise<Database> {
  const template = inject('dbTemplate');
  if (template.kind === 'pglite') {
    const blob = new Blob([readFileSync(template.dumpPath)]);
    return openDatabase({ kind: 'pglite', loadDataDir: blob });
  }
  const url = await cloneDatabase(template.url);
  const database = await openDatabase({ kind: 'postgres', connectionString: url, poolSize: 4 });
  return {
    ...database,
    close: async () => {
      await database.close();
      await dropDatabase(url);
    },
  };
}

/** An empty, unmigrated database of the kind under test. */
export async function createEmptyTestDatabase(): Promise<Database> {
  const template = inject('dbTemplate');
  if (template.kind === 'pglite') return openDatabase({ kind: 'pglite' });
  const url = await createEmptyDatabase(template.url);
  const database = await openDatabase({ kind: 'postgres', connectionString: url, poolSize: 2 });
  return {
    ...database,
    close: async () => {
      await database.close();
      await dropDatabase(url);
    },
  };
}
