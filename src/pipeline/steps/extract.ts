/**
 * extract: the day's source files as CSV in the run's work folder. `synthetic` runs the Health Synth
 * generator seeded from the date (YYYYMMDD), over the year before it, so a date always yields the same files.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { addDays } from '../../server/demo/zoned.ts';
import { deriveSizes, parseDate } from '../generate/options.ts';
import { generateFiles } from '../io/generate-files.ts';
import type { StepFn } from '../runner/context.ts';

export const PERIOD_DAYS = 365;

/** The generator settings of a date: seed YYYYMMDD, the PERIOD_DAYS days before the date. */
export function syntheticSettings(date: string, patients: number) {
  const day = parseDate('date', date);
  return {
    patients,
    ...deriveSizes(patients),
    seed: Number(date.replaceAll('-', '')),
    start: addDays(day, -PERIOD_DAYS),
    days: PERIOD_DAYS,
  };
}

export const extract: StepFn = async (ctx, io) => {
  if (io.source !== 'synthetic') throw new Error(`source ${io.source} is not supported by this build`);
  const out = join(ctx.settings.workDir, io.runId, 'extract');
  // A previous attempt may have died half-way: start from an empty folder.
  await rm(out, { recursive: true, force: true });
  const settings = syntheticSettings(io.date, ctx.settings.patients);
  const result = await generateFiles({ ...settings, out, format: 'csv' });
  await io.midway();
  io.log(
    `generated ${String(result.files.length)} files in ${result.seconds.toFixed(1)} s (seed ${String(settings.seed)})`,
  );
  return {
    dir: out,
    seed: settings.seed,
    files: Object.fromEntries(
      result.files.map((f) => [f.name, { path: f.path, rows: f.rows, bytes: f.bytes }]),
    ),
  };
};
