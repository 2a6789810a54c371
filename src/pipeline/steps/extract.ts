/**
 * extract: the day's source files as CSV in the run's work folder. `synthetic` runs the Health Synth
 * generator seeded from the date (YYYYMMDD), over the year before it, so a date always yields the same files;
 * `platform` exports the live platform database in the same five files (src/pipeline/platform).
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { addDays } from '../../server/demo/zoned.ts';
import { deriveSizes, parseDate } from '../generate/options.ts';
import { generateFiles } from '../io/generate-files.ts';
import { exportPlatform } from '../platform/export.ts';
import type { StepFn, PipelineContext, StepIo } from '../runner/context.ts';

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

type Files = readonly { name: string; path: string; rows: number; bytes: number }[];
const fileMap = (files: Files) =>
  Object.fromEntries(files.map((f) => [f.name, { path: f.path, rows: f.rows, bytes: f.bytes }]));

async function extractPlatform(ctx: PipelineContext, io: StepIo, out: string) {
  const result = await exportPlatform(ctx.db, io.date, out);
  await io.midway();
  const counts = result.files.map((f) => `${f.name} ${String(f.rows)}`).join(', ');
  io.log(`exported the platform database for ${io.date}: ${counts}`);
  if (result.unsettled > 0)
    io.log(`left out ${String(result.unsettled)} past appointment(s) still booked or checked in`);
  return { dir: out, unsettled: result.unsettled, files: fileMap(result.files) };
}

export const extract: StepFn = async (ctx, io) => {
  const out = join(ctx.settings.workDir, io.runId, 'extract');
  // A previous attempt may have died half-way: start from an empty folder.
  await rm(out, { recursive: true, force: true });
  if (io.source === 'platform') return extractPlatform(ctx, io, out);
  const settings = syntheticSettings(io.date, ctx.settings.patients);
  const result = await generateFiles({ ...settings, out, format: 'csv' });
  await io.midway();
  io.log(
    `generated ${String(result.files.length)} files in ${result.seconds.toFixed(1)} s (seed ${String(settings.seed)})`,
  );
  return {
    dir: out,
    seed: settings.seed,
    files: fileMap(result.files),
  };
};
