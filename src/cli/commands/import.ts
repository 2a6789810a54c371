/**
 * `healthsync import <format> <path>`: load outside data (healthsynth, noshow, synthea) into the configured
 * database, all or nothing (or with --reject-file, the good rows). In embedded mode the server must be
 * stopped: the data dir has one owner.
 */
import type { Command } from 'commander';
import { validationFailed } from '../../core/errors.ts';
import { action, printJson } from '../output.ts';

const FORMATS = ['healthsynth', 'noshow', 'synthea'] as const;

interface ImportCliOptions {
  source?: string;
  rejectFile?: string;
  json?: boolean;
}

/** A progress bar on stderr, only when it is a terminal (never in --json mode or pipes). */
async function progressBar(enabled: boolean) {
  if (!enabled) return undefined;
  const { SingleBar, Presets } = await import('cli-progress');
  const bar = new SingleBar(
    {
      format: 'importing [{bar}] {percentage}% | {value}/{total} rows | {eta}s left',
      stream: process.stderr,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update: (done: number, total: number) => {
      if (!started) bar.start(total, 0);
      started = true;
      bar.update(done);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

async function run(format: string, path: string, opts: ImportCliOptions): Promise<void> {
  if (!(FORMATS as readonly string[]).includes(format))
    throw validationFailed([{ path: '<format>', message: `must be one of ${FORMATS.join(', ')}` }]);
  const { loadConfig } = await import('../../server/config.ts');
  const { openConfiguredDatabase } = await import('../../server/db/client.ts');
  const { migrate } = await import('../../server/db/migrate.ts');
  const imports = await import('../../server/modules/imports/index.ts');
  const config = loadConfig();
  const database = await openConfiguredDatabase(config, 'import');
  const bar = await progressBar(!opts.json && process.stderr.isTTY);
  try {
    await migrate(database);
    const report = await imports.importFiles(database.db, {
      format: format as (typeof FORMATS)[number],
      path,
      ...(opts.source ? { source: opts.source } : {}),
      ...(opts.rejectFile ? { rejectFile: opts.rejectFile } : {}),
      ...(bar ? { onProgress: bar.update } : {}),
    });
    bar?.stop();
    if (opts.json) printJson(report);
    else process.stdout.write(imports.formatReport(report));
  } catch (err) {
    bar?.stop();
    if (err instanceof imports.ImportRefused) {
      if (opts.json) printJson(err.report);
      else process.stderr.write(imports.formatReport(err.report));
    }
    throw err;
  } finally {
    await database.close();
  }
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description(
      'Import outside data: healthsynth (generator or original files), noshow (the public CSV), synthea (CSV export)',
    )
    .argument('<format>', FORMATS.join(' | '))
    .argument('<path>', 'folder of CSV files (healthsynth, synthea) or the CSV file (noshow)')
    .option('--source <name>', 'name of this data set: source ids are unique within it (default: the format)')
    .option(
      '--reject-file <file>',
      'write bad rows here (CSV: file, line, column, reason, row) and load the good ones',
    )
    .option('--json', 'machine-readable report')
    .action(action(run));
}
