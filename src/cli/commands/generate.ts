/** `healthsync generate`: the Health Synth data set (clinics, doctors, patients, appointments, records). */
import type { Command } from 'commander';
import { CATALOGUE, COLUMN_TYPES, describeCatalogue } from '../../pipeline/generate/columns.ts';
import { DEFAULTS, LIMITS, parseGenerateFlags, type GenerateFlags } from '../../pipeline/generate/options.ts';
import { formatReport } from '../../pipeline/generate/report.ts';
import { generateFiles, type GenerateResult } from '../../pipeline/io/generate-files.ts';
import { action, printJson } from '../output.ts';

interface GenerateCliOptions extends GenerateFlags {
  describe?: boolean;
  report?: boolean;
  json?: boolean;
}

export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description('Write a realistic, deterministic Health Synth data set (CSV or Parquet)')
    .option('--out <dir>', 'directory to write clinics, doctors, patients, appointments and records to')
    .option('--patients <n>', `patients (default ${DEFAULTS.patients}, at most ${LIMITS.patients})`)
    .option('--doctors <n>', 'doctors (default: one per ~500 patients, at least 8)')
    .option('--clinics <n>', 'clinics (default: 8–15 doctors each)')
    .option(
      '--seed <s>',
      `seed: the same seed and flags give byte-identical files (default ${DEFAULTS.seed})`,
    )
    .option('--start <date>', `first day of the period, YYYY-MM-DD (default ${DEFAULTS.start})`)
    .option('--days <d>', `length of the period in days (default ${DEFAULTS.days})`)
    .option('--format <format>', 'csv or parquet (default csv)')
    .option('--describe', 'print the schema note (every file and column) and write nothing')
    .option('--report', 'print the achieved distributions beside their targets')
    .option('--json', 'machine-readable output')
    .action(action(async (opts: GenerateCliOptions) => run(opts)));
}

async function run(opts: GenerateCliOptions): Promise<void> {
  if (opts.describe) {
    if (opts.json) printJson({ files: CATALOGUE, types: COLUMN_TYPES });
    else process.stdout.write(describeCatalogue());
    return;
  }
  const options = parseGenerateFlags(opts);
  const progress = !opts.json && process.stderr.isTTY ? progressLine(options.patients) : undefined;
  const result = await generateFiles(options, progress);
  if (progress) process.stderr.write('\r\x1b[K');
  if (opts.json) {
    printJson({ ok: true, ...summary(result, options), ...(opts.report ? { report: result.report } : {}) });
    return;
  }
  const files = result.files.map((f) => `  ${f.path}  ${f.rows.toLocaleString('en')} rows`).join('\n');
  console.log(
    `Wrote ${result.files.length} files in ${result.seconds.toFixed(1)} s (seed ${options.seed}):\n${files}`,
  );
  if (opts.report) process.stdout.write(formatReport(result.report));
}

function summary(result: GenerateResult, options: ReturnType<typeof parseGenerateFlags>) {
  const { patients, doctors, clinics, seed, days } = options;
  const start = `${options.start.year}-${String(options.start.month).padStart(2, '0')}-${String(options.start.day).padStart(2, '0')}`;
  return {
    out: result.out,
    format: result.format,
    settings: { patients, doctors, clinics, seed, start, days },
    files: result.files,
    seconds: Number(result.seconds.toFixed(3)),
  };
}

/** Patients done, on one rewritten stderr line (only on a terminal). */
function progressLine(total: number): (done: number) => void {
  let last = 0;
  return (done) => {
    const now = Date.now();
    if (now - last < 250 && done < total) return;
    last = now;
    process.stderr.write(
      `\rgenerating: ${((done / total) * 100).toFixed(0)} % of ${total.toLocaleString('en')} patients`,
    );
  };
}
