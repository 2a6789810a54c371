/**
 * `healthsync alerts`: run the daily community-health watch for a day (with the server stopped in embedded
 * mode), and EARS C1/C2/C3 on any CSV of daily counts.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { validationFailed } from '../../core/errors.ts';
import { action, printJson } from '../output.ts';

const server = async () => ({
  ...(await import('../../server/config.ts')),
  ...(await import('../../server/db/client.ts')),
  ...(await import('../../server/db/migrate.ts')),
  ...(await import('../../server/modules/alerts/index.ts')),
});

interface EarsCliOptions {
  method: string;
  alpha?: string;
  baseline?: string;
  minSigma?: string;
  input: string;
}

function numberOption(value: string | undefined, path: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n))
    throw validationFailed([{ path, message: 'must be a number' }]);
  return n;
}

async function ears(opts: EarsCliOptions): Promise<void> {
  const method = (['C1', 'C2', 'C3'] as const).find((m) => m === opts.method.toUpperCase());
  if (!method) throw validationFailed([{ path: '--method', message: 'must be C1, C2 or C3' }]);
  const { earsCsv } = await import('../../server/modules/alerts/ears-csv.ts');
  let text: string;
  try {
    text = readFileSync(opts.input === '-' ? 0 : opts.input, 'utf8');
  } catch {
    throw validationFailed([{ path: '--input', message: `cannot read ${opts.input}` }]);
  }
  const options = {
    method,
    alpha: numberOption(opts.alpha, '--alpha'),
    baseline: numberOption(opts.baseline, '--baseline'),
    minSigma: numberOption(opts.minSigma, '--min-sigma'),
  };
  try {
    process.stdout.write(earsCsv(text, options));
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    throw validationFailed([{ path: 'options', message: err.message }]);
  }
}

async function run(opts: { date?: string; json?: boolean }): Promise<void> {
  const { loadConfig, openConfiguredDatabase, migrate, runWatch, yesterday } = await server();
  const config = loadConfig();
  const date = opts.date ?? yesterday(config.alerts.timezone);
  const database = await openConfiguredDatabase(config, 'alerts');
  try {
    await migrate(database);
    const report = await runWatch(database.db, config.alerts, date);
    if (opts.json) printJson(report);
    else {
      console.log(
        `Alerts for ${report.date}: ${String(report.series)} series watched; ${String(report.opened)} opened, ` +
          `${String(report.updated)} continued, ${String(report.closed)} closed, ` +
          `${String(report.confirmed)} confirmed automatically, ${String(report.notified)} people notified.`,
      );
    }
  } finally {
    await database.close();
  }
}

export function registerAlerts(program: Command): void {
  const alerts = program.command('alerts').description('Community health alerts (EARS C1/C2/C3)');
  alerts
    .command('run')
    .description('Judge one day: open, continue or close alerts per neighbourhood and condition')
    .option('--date <date>', 'the local day to judge, YYYY-MM-DD (default: yesterday in ALERTS_TIMEZONE)')
    .option('--json', 'machine-readable output')
    .action(action(run));
  alerts
    .command('ears')
    .description('EARS on a CSV `date,count` (one row per day): prints `date,count,upperbound,alarm`')
    .requiredOption('--method <method>', 'C1, C2 or C3')
    .option('--alpha <alpha>', 'false-alarm level (default 0.001 for C1/C2, 0.025 for C3, as R)')
    .option('--baseline <days>', 'baseline days (default 7)')
    .option('--min-sigma <sigma>', 'floor of the baseline standard deviation (default 0)')
    .requiredOption('--input <file>', 'the CSV file, or - for standard input')
    .action(action(ears));
}
