/**
 * `healthsync pipeline restore <key>` and `healthsync pipeline archives`: bring a retention archive back into
 * the live database (idempotent: rows already there are left alone), and list the archives there are.
 * Registered on the `pipeline` command by `registerPipelineRestore(pipelineCommand)`.
 */
import type { Command } from 'commander';
import type { RestoreReport } from '../../pipeline/retention/index.ts';
import type { Config } from '../../server/config.ts';
import type { Database } from '../../server/db/client.ts';
import { action, printJson } from '../output.ts';

const load = async () => ({
  ...(await import('../../server/config.ts')),
  ...(await import('../../server/db/client.ts')),
  ...(await import('../../server/db/migrate.ts')),
  ...(await import('../../pipeline/store/index.ts')),
  ...(await import('../../pipeline/retention/index.ts')),
});

/** Opens the configured database (embedded data dir or DATABASE_URL); tests pass their own. */
export type OpenDatabase = (config: Config) => Promise<Database>;

export async function restoreArchive(
  key: string,
  opts: { json?: boolean },
  env: NodeJS.ProcessEnv = process.env,
  open?: OpenDatabase,
): Promise<RestoreReport> {
  const m = await load();
  const config = m.loadConfig(env);
  const store = m.createObjectStore(config.objectStore);
  try {
    // Read the manifest before opening the database: a wrong key fails fast and touches nothing.
    await m.readManifest(store, key);
    const database = await (open ?? ((c: Config) => m.openConfiguredDatabase(c, 'pipeline restore')))(config);
    try {
      await m.migrate(database);
      const report = await m.restore({ db: database.db, store }, key);
      if (opts.json) printJson(report);
      else process.stdout.write(formatReport(report) + '\n');
      if (!report.complete) process.exitCode = 1;
      return report;
    } finally {
      await database.close();
    }
  } finally {
    store.close();
  }
}

function formatReport(r: RestoreReport): string {
  const lines = [`Restored ${r.archive} (${r.group})${r.complete ? '' : ' — INCOMPLETE'}`];
  for (const t of r.tables) {
    lines.push(
      `  ${t.table.padEnd(26)} ${String(t.archived).padStart(8)} archived ${String(t.inserted).padStart(8)} inserted ${String(t.present).padStart(8)} present`,
    );
  }
  if (!r.complete)
    lines.push('Some archived rows are not back as archived (changed or conflicting rows were kept).');
  return lines.join('\n');
}

export async function listArchives(
  opts: { json?: boolean },
  env: NodeJS.ProcessEnv = process.env,
): Promise<string[]> {
  const m = await load();
  const store = m.createObjectStore(m.loadConfig(env).objectStore);
  try {
    const keys = (await store.list(`${m.ARCHIVE_ROOT}/`)).filter((k) => k.endsWith('/manifest.json'));
    if (opts.json) printJson({ location: store.location, archives: keys });
    else if (keys.length === 0) process.stdout.write(`No retention archives in ${store.location}.\n`);
    else for (const k of keys) process.stdout.write(k + '\n');
    return keys;
  } finally {
    store.close();
  }
}

export function registerPipelineRestore(pipeline: Command): void {
  pipeline
    .command('restore <key>')
    .description('Bring a retention archive back into the live database (rows already there are kept)')
    .option('--json', 'machine-readable output')
    .action(
      action(async (key: string, opts: { json?: boolean }) => {
        await restoreArchive(key, opts);
      }),
    );
  pipeline
    .command('archives')
    .description('List the retention archives in the object store (keys to pass to restore)')
    .option('--json', 'machine-readable output')
    .action(
      action(async (opts: { json?: boolean }) => {
        await listArchives(opts);
      }),
    );
}
