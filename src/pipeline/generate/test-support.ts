/**
 * For the generator's tests: runs it in memory and reads its CSV back with an independent RFC 4180 parser,
 * so the tests check the bytes a user gets, not the generator's internal state.
 */
import { createHash } from 'node:crypto';
import { chunksToString } from './bytes.ts';
import { FILE_NAMES, type FileName } from './columns.ts';
import { createGenerator, emptySinks, type Generator } from './generator.ts';
import { deriveSizes, type GenerateSettings } from './options.ts';

export type Row = Readonly<Record<string, string>>;

export interface Sample {
  readonly generator: Generator;
  readonly text: Readonly<Record<FileName, string>>;
  readonly rows: Readonly<Record<FileName, readonly Row[]>>;
}

export function settings(overrides: Partial<GenerateSettings> = {}): GenerateSettings {
  const patients = overrides.patients ?? 2000;
  return {
    patients,
    ...deriveSizes(patients, overrides.doctors, overrides.clinics),
    seed: 7,
    start: { year: 2025, month: 1, day: 1 },
    days: 365,
    ...overrides,
  };
}

/** Generates in memory, in batches of `batch` patients (the batching must not change the bytes). */
export function generateText(options: GenerateSettings, batch = 500): Record<FileName, string> {
  const generator = createGenerator(options);
  return collect(generator, options.patients, batch);
}

function collect(generator: Generator, patients: number, batch: number): Record<FileName, string> {
  const sinks = emptySinks(64 * 1024);
  generator.start(sinks);
  const parts = Object.fromEntries(FILE_NAMES.map((name) => [name, [] as Uint8Array[]]));
  for (let from = 0; from < patients; from += batch) {
    generator.patients(from, Math.min(patients, from + batch), sinks);
    for (const name of FILE_NAMES) parts[name]?.push(...sinks[name].takeFull());
  }
  for (const name of FILE_NAMES) parts[name]?.push(...sinks[name].takeAll());
  return Object.fromEntries(FILE_NAMES.map((name) => [name, chunksToString(parts[name] ?? [])])) as Record<
    FileName,
    string
  >;
}

export function generateSample(options: GenerateSettings): Sample {
  const generator = createGenerator(options);
  const text = collect(generator, options.patients, 500);
  const rows = Object.fromEntries(FILE_NAMES.map((name) => [name, parseCsv(text[name])])) as Record<
    FileName,
    Row[]
  >;
  return { generator, text, rows };
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** RFC 4180: fields separated by commas, optionally quoted, `""` inside quotes; first line is the header. */
export function parseCsv(text: string): Row[] {
  const records = parseRecords(text);
  const [header, ...body] = records;
  if (!header) return [];
  return body.map((fields, line) => {
    if (fields.length !== header.length) {
      throw new Error(`line ${line + 2}: ${fields.length} fields, header has ${header.length}`);
    }
    return Object.fromEntries(header.map((name, i) => [name, fields[i] ?? '']));
  });
}

function parseRecords(text: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') field += text.charAt(++i);
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n') {
      fields.push(field);
      records.push(fields);
      fields = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || fields.length > 0) throw new Error('the last line does not end with a newline');
  return records;
}
