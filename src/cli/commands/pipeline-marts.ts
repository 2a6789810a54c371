/**
 * `healthsync pipeline marts-restore --date D`: brings the published marts of a date back from their mirror
 * in the object store (`marts/`) into the local snapshot folder the API and `healthsync report` read, with
 * checksums and row counts verified first. Needs no platform database (e.g. a new host, or a lost disk).
 * Registered on the `pipeline` command by `registerPipelineMarts(pipelineCommand)`.
 */
import type { Command } from 'commander';
import { badRequest } from '../../core/errors.ts';
import type { Pointer } from '../../pipeline/warehouse/snapshots.ts';
import { action, printJson } from '../output.ts';

const load = async () => ({
  ...(await import('../../server/config.ts')),
  ...(await import('../../pipeline/generate/options.ts')),
  ...(await import('../../pipeline/store/index.ts')),
  ...(await import('../../pipeline/warehouse/mirror.ts')),
  ...(await import('../../pipeline/warehouse/snapshots.ts')),
});

export async function restoreMarts(
  opts: { date?: string; json?: boolean },
  env: NodeJS.ProcessEnv = process.env,
): Promise<Pointer> {
  if (!opts.date) throw badRequest('pipeline.invalid_option', '--date is required (YYYY-MM-DD)');
  const m = await load();
  m.parseDate('date', opts.date);
  const config = m.loadConfig(env);
  const store = m.createObjectStore(config.objectStore);
  try {
    const pointer = await m.restoreSnapshot(store, opts.date, m.snapshotDirOf(config.pipeline.dir));
    if (opts.json) printJson(pointer);
    else
      process.stdout.write(
        `Restored ${String(pointer.marts.length)} marts of ${pointer.date} (run ${pointer.runId}) from ${store.location}\n`,
      );
    return pointer;
  } finally {
    store.close();
  }
}

export function registerPipelineMarts(pipeline: Command): void {
  pipeline
    .command('marts-restore')
    .description('Restore the published marts of a date from their mirror in the object store')
    .option('--date <date>', 'the run date whose marts to restore, YYYY-MM-DD')
    .option('--json', 'machine-readable output')
    .action(action((opts: { date?: string; json?: boolean }) => restoreMarts(opts).then(() => undefined)));
}
