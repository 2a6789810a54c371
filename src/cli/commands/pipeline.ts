/**
 * `healthsync pipeline run|resume|runs`: the Health Synth pipeline in this process. In embedded mode it needs
 * the data dir (stop the server first, or let its schedule run); the DuckDB warehouse file is opened by this
 * process only while a run executes.
 */
import type { Command } from 'commander';
import { badRequest } from '../../core/errors.ts';
import type { PipelineContext, RunOutcome, Source, StepName } from '../../pipeline/runner/index.ts';
import { action, printJson } from '../output.ts';
import { registerPipelineMarts } from './pipeline-marts.ts';
import { registerPipelineRestore } from './pipeline-restore.ts';

interface RunOptions {
  date?: string;
  from?: string;
  to?: string;
  source?: string;
  patients?: string;
  json?: boolean;
}

const load = async () => ({
  ...(await import('../../server/config.ts')),
  ...(await import('../../server/db/client.ts')),
  ...(await import('../../server/db/migrate.ts')),
  ...(await import('../../pipeline/runner/index.ts')),
  ...(await import('../../pipeline/runner/compose.ts')),
  ...(await import('../../pipeline/generate/options.ts')),
});

/** Opens the platform database and the pipeline context for `fn`, closing both afterwards. */
async function withPipeline<T>(
  patients: number | undefined,
  fn: (ctx: PipelineContext, m: Awaited<ReturnType<typeof load>>) => Promise<T>,
): Promise<T> {
  const m = await load();
  const config = m.loadConfig();
  const database = await m.openConfiguredDatabase(config, 'pipeline');
  try {
    await m.migrate(database);
    const haltAt = process.env.HEALTHSYNC_PIPELINE_HALT_AT as StepName | undefined;
    const ctx = m.composePipeline(config, database, { patients, haltAt });
    try {
      return await fn(ctx, m);
    } finally {
      ctx.close();
    }
  } finally {
    await database.close();
  }
}

function source(value: string | undefined, fallback: Source): Source {
  const s = value ?? fallback;
  if (s !== 'synthetic' && s !== 'platform')
    throw badRequest('pipeline.invalid_option', `--source must be synthetic or platform (got "${s}")`);
  return s;
}

async function run(opts: RunOptions): Promise<void> {
  if ((opts.from === undefined) !== (opts.to === undefined))
    throw badRequest('pipeline.invalid_option', '--from and --to go together');
  if (opts.date && opts.from)
    throw badRequest('pipeline.invalid_option', 'give either --date or --from/--to');
  const m = await load();
  const patients =
    opts.patients === undefined
      ? undefined
      : m.parseGenerateFlags({ out: '.', patients: opts.patients }).patients;
  const src = source(opts.source, m.loadConfig().pipeline.source);
  const result = await withPipeline(patients, async (ctx, m) => {
    const outcomes =
      opts.from && opts.to
        ? await m.backfill(ctx, { from: opts.from, to: opts.to, source: src, trigger: 'cli' })
        : [
            await m.runDate(ctx, {
              date: opts.date ?? m.todayIn(m.loadConfig().pipeline.timezone),
              source: src,
              trigger: 'cli',
            }),
          ];
    return { outcomes, runs: await Promise.all(outcomes.map((o) => m.getRun(ctx.db, o.runId))) };
  });
  report(result.outcomes, result.runs, opts.json);
}

async function resume(opts: { json?: boolean }): Promise<void> {
  const result = await withPipeline(undefined, async (ctx, m) => {
    const outcomes = await m.resumeRuns(ctx);
    return { outcomes, runs: await Promise.all(outcomes.map((o) => m.getRun(ctx.db, o.runId))) };
  });
  if (result.outcomes.length === 0 && !opts.json) {
    console.log('Nothing to resume: every run has finished.');
    return;
  }
  report(result.outcomes, result.runs, opts.json);
}

/** Prints each run with its steps; a failed run sets a non-zero exit code. */
function report(
  outcomes: readonly RunOutcome[],
  runs: readonly RunWithSteps[],
  json: boolean | undefined,
): void {
  if (json) printJson({ ok: outcomes.every((o) => o.status === 'succeeded'), runs });
  else for (const r of runs) console.log(formatRun(r));
  const failed = outcomes.find((o) => o.status === 'failed');
  if (failed) {
    process.stderr.write(
      `healthsync: pipeline run ${failed.runId} failed: ${failed.error ?? 'unknown error'}\n`,
    );
    process.exitCode = 1;
  }
}

type RunWithSteps = Awaited<ReturnType<Awaited<ReturnType<typeof load>>['getRun']>>;

function formatRun(r: RunWithSteps): string {
  const lines = [`Run ${r.id}  ${r.runDate}  ${r.source}  ${r.status}${r.error ? `: ${r.error}` : ''}`];
  for (const s of r.steps) {
    const secs = s.durationMs === null ? '' : `${(s.durationMs / 1000).toFixed(2)} s`;
    const tries = s.attempts > 1 ? ` (${String(s.attempts)} attempts)` : '';
    lines.push(
      `  ${s.step.padEnd(10)} ${s.status.padEnd(10)} ${secs.padStart(9)}${tries}${s.error ? `  ${s.error}` : ''}`,
    );
  }
  return lines.join('\n');
}

async function runs(opts: { json?: boolean; limit?: string }): Promise<void> {
  const limit = Math.min(500, Math.max(1, Number(opts.limit ?? 20) || 20));
  const list = await withPipeline(undefined, async (ctx, m) =>
    Promise.all((await m.listRuns(ctx.db, limit)).map((r) => m.getRun(ctx.db, r.id))),
  );
  if (opts.json) printJson({ runs: list });
  else if (list.length === 0) console.log('No pipeline runs yet.');
  else for (const r of list) console.log(formatRun(r));
}

export function registerPipeline(program: Command): void {
  const pipeline = program.command('pipeline').description('Run and inspect the Health Synth data pipeline');
  pipeline
    .command('run')
    .description('Run the daily flow for a date: extract, stage, load, transform, report, notify, retain')
    .option('--date <date>', 'the date to run, YYYY-MM-DD (default: today in PIPELINE_TIMEZONE)')
    .option('--from <date>', 'back-fill: first date (with --to)')
    .option('--to <date>', 'back-fill: last date, inclusive')
    .option(
      '--source <source>',
      'synthetic (generated data) or platform (the live database) (default: PIPELINE_SOURCE)',
    )
    .option('--patients <n>', 'patients in a synthetic extract (default: PIPELINE_PATIENTS)')
    .option('--json', 'machine-readable output')
    .action(action(run));
  pipeline
    .command('resume')
    .description('Continue unfinished runs from their first unfinished step (finished steps are not redone)')
    .option('--json', 'machine-readable output')
    .action(action(resume));
  pipeline
    .command('runs')
    .description('Recent runs with their steps, timings, row counts and errors')
    .option('--limit <n>', 'how many runs (default 20)')
    .option('--json', 'machine-readable output')
    .action(action(runs));
  // `pipeline restore` and `pipeline archives` (retention archives).
  registerPipelineRestore(pipeline);
  // `pipeline marts-restore` (published marts from their object-store mirror).
  registerPipelineMarts(pipeline);
}
