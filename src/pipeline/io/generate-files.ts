/**
 * `healthsync generate` without the CLI: checks the output directory, runs the generator into CSV files and,
 * for Parquet, converts them (the CSVs then live only in a temporary directory that is removed).
 */
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { badRequest } from '../../core/errors.ts';
import { createGenerator } from '../generate/generator.ts';
import type { GenerateOptions } from '../generate/options.ts';
import { buildReport, type ReportLine } from '../generate/report.ts';
import { writeCsvFiles, type CsvProgress, type WrittenFile } from './csv-files.ts';
import { convertToParquet } from './parquet.ts';

export interface GenerateResult {
  readonly out: string;
  readonly format: GenerateOptions['format'];
  readonly files: readonly WrittenFile[];
  readonly seconds: number;
  readonly report: readonly ReportLine[];
}

/** The output directory, created if missing; an existing non-directory is refused before anything is written. */
async function prepareDirectory(out: string): Promise<string> {
  const dir = resolve(out);
  const existing = await stat(dir).catch(() => undefined);
  if (existing && !existing.isDirectory()) {
    throw badRequest('generate.invalid_option', `--out ${out} exists and is not a directory`);
  }
  await mkdir(dir, { recursive: true });
  return dir;
}

export async function generateFiles(
  options: GenerateOptions,
  progress?: CsvProgress,
): Promise<GenerateResult> {
  const began = performance.now();
  const dir = await prepareDirectory(options.out);
  const generator = createGenerator(options);
  let files: WrittenFile[];
  if (options.format === 'csv') {
    files = await writeCsvFiles(generator, dir, options.patients, progress);
  } else {
    const staging = await mkdtemp(join(dir, '.healthsync-generate-'));
    try {
      files = await convertToParquet(
        await writeCsvFiles(generator, staging, options.patients, progress),
        dir,
      );
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }
  return {
    out: dir,
    format: options.format,
    files,
    seconds: (performance.now() - began) / 1000,
    report: buildReport(generator.stats, options.days),
  };
}
