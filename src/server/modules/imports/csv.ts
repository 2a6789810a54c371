/**
 * Reads one CSV file (RFC 4180, UTF-8, header row) into rows that remember their line number and raw text,
 * so every problem can name file, line and column and a reject file can carry the row as it was.
 * A file that is not CSV at all (an unclosed quote) is one error for the whole file.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Issue } from './rules.ts';

export interface CsvRow {
  /** 1-based line where the row starts (the header is line 1). */
  readonly line: number;
  readonly raw: string;
  /** Field by column name; missing trailing fields read as ''. */
  get(column: string): string;
}

export interface CsvFile {
  readonly file: string;
  readonly header: readonly string[];
  readonly rows: readonly CsvRow[];
}

/** One parsed row; the column index is shared by all rows of a file (no closure per row). */
class Row implements CsvRow {
  readonly line: number;
  readonly raw: string;
  private readonly record: string[];
  private readonly index: Map<string, number>;

  constructor(line: number, raw: string, record: string[], index: Map<string, number>) {
    this.line = line;
    this.raw = raw;
    this.record = record;
    this.index = index;
  }

  get(column: string): string {
    const i = this.index.get(column);
    return i === undefined ? '' : (this.record[i] ?? '');
  }
}

interface Parsed {
  record: string[];
  raw: string;
  info: { lines: number };
}

export function parseCsv(file: string, text: string, issues: Issue[]): CsvFile {
  let parsed: Parsed[];
  try {
    parsed = parse(text, {
      bom: true,
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as Parsed[];
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 1;
    issues.push({ file, line, column: '', reason: 'not a valid CSV file (unbalanced quotes?)' });
    return { file, header: [], rows: [] };
  }
  const [first, ...rest] = parsed;
  const header = (first?.record ?? []).map((h) => h.trim());
  const index = new Map(header.map((h, i) => [h, i]));
  const rows: CsvRow[] = [];
  for (const { record, raw, info } of rest) {
    const line = info.lines - (raw.match(/\n/g)?.length ?? 0) + (raw.endsWith('\n') ? 1 : 0);
    if (record.length !== header.length) {
      issues.push({
        file,
        line,
        column: '',
        reason: `has ${record.length} fields, the header has ${header.length}`,
        raw: raw.replace(/\r?\n$/, ''),
      });
      continue;
    }
    rows.push(new Row(line, raw.replace(/\r?\n$/, ''), record, index));
  }
  return { file, header, rows };
}

export function readCsv(path: string, issues: Issue[]): CsvFile {
  return parseCsv(basename(path), readFileSync(path, 'utf8'), issues);
}

/** Columns the importer cannot do without: one issue per missing column, on line 1. */
export function requireColumns(csv: CsvFile, columns: readonly string[], issues: Issue[]): boolean {
  const missing = columns.filter((c) => !csv.header.includes(c));
  for (const column of missing)
    issues.push({ file: csv.file, line: 1, column, reason: 'required column is missing' });
  return missing.length === 0;
}
