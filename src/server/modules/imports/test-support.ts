/** Test helpers: the shared real data beside the repo (../shared/data) and temporary file sets. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.ts';

export const SHARED_DATA = join(import.meta.dirname, '..', '..', '..', '..', '..', 'shared', 'data');
export const NOSHOW_FILE = join(SHARED_DATA, 'noshow', 'KaggleV2-May-2016.csv');
export const SYNTHEA_DIR = join(SHARED_DATA, 'synthea');

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'hs-import-'));
}

/** Writes files (name → text) into a new temporary folder and returns it. */
export function writeFiles(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/**
 * The header, the first `n` rows, and every row with one of the known quirks (E-notation ids, age −1,
 * handicap above 1, appointment day before the scheduling day): a small file with all of them.
 */
export function noshowSlice(n: number): { text: string; rows: number } {
  const [header, ...lines] = readFileSync(NOSHOW_FILE, 'utf8').trimEnd().split(/\r?\n/);
  const quirky = (line: string): boolean => {
    const f = line.split(',');
    return /E/i.test(f[0]!) || f[5] === '-1' || Number(f[11]) > 1 || f[4]!.slice(0, 10) < f[3]!.slice(0, 10);
  };
  const picked = lines.filter((line, i) => i < n || quirky(line));
  return { text: [header, ...picked].join('\n') + '\n', rows: picked.length };
}

export async function count(
  db: Db,
  table: 'patients' | 'appointments' | 'clinics' | 'doctors' | 'encounters' | 'import_runs',
): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from ${sql.identifier(table)}`,
  );
  return row!.n;
}
