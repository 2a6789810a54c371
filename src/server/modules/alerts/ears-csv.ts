/**
 * EARS on a CSV of daily counts, for epidemiologists checking or reusing the method on their own data:
 * `date,count` in (one row per consecutive day, oldest first) → `date,count,upperbound,alarm` out, the
 * upper bound empty where EARS defines none (the first days, or NA as R gives it), the alarm likewise.
 */
import { parse } from 'csv-parse/sync';
import { validationFailed } from '../../../core/errors.ts';
import { earsC, type EarsOptions } from './rules.ts';

const DAY_MS = 86_400_000;

function fail(path: string, message: string): never {
  throw validationFailed([{ path, message }]);
}

/** Rows of `date,count`, checked: a header naming both columns, ISO dates one day apart, counts ≥ 0. */
export function readCounts(text: string): { dates: string[]; counts: Float64Array } {
  let rows: Record<string, string>[];
  try {
    rows = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (err) {
    fail('input', `is not valid CSV (${err instanceof Error ? err.message.split('\n')[0]! : 'parse error'})`);
  }
  if (rows.length === 0) fail('input', 'has no rows: give a header `date,count` and one row per day');
  const head = rows[0] ?? {};
  if (!('date' in head) || !('count' in head)) fail('input', 'needs the columns `date` and `count`');
  const dates: string[] = [];
  const counts = new Float64Array(rows.length);
  rows.forEach((r, i) => {
    const line = `row ${String(i + 2)}`;
    const date = r.date ?? '';
    const at = Date.parse(`${date}T00:00:00Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || new Date(at).toISOString().slice(0, 10) !== date) {
      fail(`${line}.date`, `must be a calendar date YYYY-MM-DD (got "${date}")`);
    }
    if (i > 0 && at - Date.parse(`${dates[i - 1]!}T00:00:00Z`) !== DAY_MS) {
      fail(`${line}.date`, 'must be the day after the previous row (one row per consecutive day)');
    }
    const count = Number(r.count);
    if (r.count === '' || !Number.isFinite(count) || count < 0) {
      fail(`${line}.count`, `must be a number ≥ 0 (got "${r.count ?? ''}")`);
    }
    dates.push(date);
    counts[i] = count;
  });
  return { dates, counts };
}

/** The output CSV, upper bounds at full precision (17 significant digits compare exactly with R). */
export function earsCsv(text: string, options: EarsOptions): string {
  const { dates, counts } = readCounts(text);
  const { upperbound, alarm } = earsC(counts, options);
  const lines = ['date,count,upperbound,alarm'];
  for (let i = 0; i < dates.length; i++) {
    const ub = upperbound[i]!;
    const a = alarm[i]!;
    lines.push(
      `${dates[i]!},${String(counts[i])},${Number.isNaN(ub) ? '' : String(ub)},${a === -1 ? '' : a === 1 ? 'true' : 'false'}`,
    );
  }
  return lines.join('\n') + '\n';
}
