/**
 * `healthsync generate` as a user runs it, in child processes: byte-identical files for the same seed (by
 * hash), one-line errors that name the flag and write nothing, the schema note and the report.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CATALOGUE, FILE_NAMES } from '../generate/columns.ts';

const CLI = join(import.meta.dirname, '..', '..', 'cli', 'main.ts');
const root = mkdtempSync(join(tmpdir(), 'healthsync-generate-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI without blocking, so independent runs overlap (each pays Node's start-up). */
function generate(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, 'generate', ...args], { encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

interface Summary {
  ok: boolean;
  files: { name: string; path: string; rows: number; bytes: number }[];
  settings: { patients: number; doctors: number; clinics: number; seed: number };
}

const hashes = (dir: string): Record<string, string> =>
  Object.fromEntries(
    readdirSync(dir).map((f) => [
      f,
      createHash('sha256')
        .update(readFileSync(join(dir, f)))
        .digest('hex'),
    ]),
  );

describe('healthsync generate', () => {
  it('writes the same bytes for the same seed and flags, reporting rows and bytes that match the files', async () => {
    const [a, b] = [join(root, 'a'), join(root, 'b')];
    const [first, second] = await Promise.all([
      generate('--out', a, '--patients', '1500', '--seed', '5', '--json'),
      generate('--out', b, '--patients', '1500', '--seed', '5', '--report'),
    ]);
    expect([first.status, second.status]).toEqual([0, 0]);
    expect(Object.keys(hashes(a)).sort()).toEqual(FILE_NAMES.map((n) => `${n}.csv`).sort());
    expect(hashes(b)).toEqual(hashes(a));
    const summary = JSON.parse(first.stdout) as Summary;
    expect(summary.settings).toMatchObject({ patients: 1500, doctors: 8, clinics: 1, seed: 5 });
    for (const file of summary.files) {
      const lines = readFileSync(file.path, 'utf8').split('\n');
      expect(lines.length - 2, file.name).toBe(file.rows); // header + final newline
      expect(readFileSync(file.path).length).toBe(file.bytes);
    }
    // --report puts the achieved rates beside their targets
    expect(second.stdout).toMatch(/women\s+5\d\.\d %\s+target 51\.5 %/);
    expect(second.stdout).toMatch(/all appointments\s+\d\d\.\d %\s+target 20\.0 % \(15\.0 %–25\.0 %\)/);
    expect(second.stdout).toContain('no-shows by lead time');
  });

  it('refuses a bad flag or an --out that is a file with one line naming it, and writes nothing', async () => {
    const out = join(root, 'bad');
    const file = join(root, 'not-a-dir');
    writeFileSync(file, 'keep me');
    const [badValue, notDir] = await Promise.all([
      generate('--out', out, '--patients', 'lots'),
      generate('--out', file, '--patients', '10'),
    ]);
    for (const result of [badValue, notDir]) {
      expect(result.status).toBe(1);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toContain('[generate.invalid_option]');
    }
    expect(badValue.stderr).toContain('--patients must be a whole number from 1 to 10,000,000 (got "lots")');
    expect(notDir.stderr).toContain('is not a directory');
    expect(existsSync(out)).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe('keep me');
  });

  it('describes every file and column with --describe', async () => {
    const text = await generate('--describe');
    expect(text.status).toBe(0);
    for (const file of CATALOGUE) {
      expect(text.stdout).toContain(`${file.name}.csv`);
      for (const column of file.columns) expect(text.stdout).toMatch(new RegExp(`^  ${column.name} `, 'm'));
    }
  });
});
