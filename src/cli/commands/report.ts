/**
 * `healthsync report <name>`: a published mart as a table, JSON, CSV or PNG chart. Reads the Parquet
 * snapshots the pipeline publishes (an in-memory DuckDB), so it works while the server or a run is going.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { badRequest } from '../../core/errors.ts';
import { action, printJson } from '../output.ts';

interface ReportOptions {
  date?: string;
  from?: string;
  to?: string;
  format?: string;
  out?: string;
}

const FORMATS = ['table', 'json', 'csv', 'png'];

async function report(name: string, opts: ReportOptions): Promise<void> {
  const format = opts.format ?? 'table';
  if (!FORMATS.includes(format))
    throw badRequest(
      'report.invalid_option',
      `--format must be one of ${FORMATS.join(', ')} (got "${format}")`,
    );
  const { loadConfig } = await import('../../server/config.ts');
  const { parseDate } = await import('../../pipeline/generate/options.ts');
  const { readMart } = await import('../../pipeline/warehouse/snapshots.ts');
  const { snapshotDirOf } = await import('../../pipeline/runner/index.ts');
  for (const flag of ['date', 'from', 'to'] as const) if (opts[flag]) parseDate(flag, opts[flag]);
  const mart = await readMart(snapshotDirOf(loadConfig().pipeline.dir), name, opts);
  if (format === 'json') {
    printJson(mart);
    return;
  }
  const { toCsv, toTable } = await import('../../pipeline/warehouse/format.ts');
  if (format === 'csv') return void process.stdout.write(toCsv(mart.columns, mart.rows));
  if (format === 'table') {
    process.stdout.write(`${name} (run date ${mart.date}, ${String(mart.rows.length)} rows)\n`);
    return void process.stdout.write(toTable(mart.columns, mart.rows));
  }
  const { chartOfMart } = await import('../../pipeline/steps/charts.ts');
  const chart = await chartOfMart(name, mart.rows);
  if (!chart) throw badRequest('report.no_chart', `${name} has no chart: use --format table, json or csv`);
  const out = opts.out ?? `${name}-${mart.date}.png`;
  writeFileSync(out, chart.png);
  console.log(`Wrote ${out} (${String(chart.width)}×${String(chart.height)} px).`);
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('Show a published report (mart) of the Health Synth pipeline')
    .argument(
      '<name>',
      'e.g. monthly_aggregates, doctor_performance, billing_per_patient_doctor, no_show_by_lead_time',
    )
    .option('--date <date>', 'the run date whose reports to show (default: the newest)')
    .option('--from <date>', 'first month/day to include (reports by month or day)')
    .option('--to <date>', 'last month/day to include')
    .option('--format <format>', 'table (default), json, csv or png')
    .option('--out <file>', 'where --format png writes the chart (default <name>-<date>.png)')
    .action(action(report));
}
