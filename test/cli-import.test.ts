/** `healthsync import` as an operator runs it: a report on success, one-line reasons, the data-dir lock. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = join(import.meta.dirname, '..', 'src', 'cli', 'main.ts');
const dataDir = mkdtempSync(join(tmpdir(), 'healthsync-import-'));
const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' };
const cli = (args: string[], extra: Record<string, string> = {}) =>
  spawnSync(process.execPath, [CLI, 'import', ...args], { env: { ...env, ...extra }, encoding: 'utf8' });

/** The first rows of the public no-show file, one of them with an age that is not a number. */
function sample(): string {
  const file = join(import.meta.dirname, '..', '..', 'shared', 'data', 'noshow', 'KaggleV2-May-2016.csv');
  const lines = readFileSync(file, 'utf8').split('\n').slice(0, 51);
  const fields = lines[5]!.split(',');
  fields[5] = 'old'; // Age
  lines[5] = fields.join(',');
  const path = join(mkdtempSync(join(tmpdir(), 'healthsync-import-file-')), 'noshow.csv');
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

// Each call starts a process that opens the embedded database: allow for a busy machine.
describe('healthsync import', { timeout: 120_000 }, () => {
  const file = sample();

  it('refuses a bad file with the problems on stderr, then loads the good rows with --reject-file', () => {
    const refused = cli(['noshow', file]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('noshow.csv line 6 Age: "old" is not a whole number');
    expect(refused.stderr.trim().split('\n').at(-1)).toMatch(
      /^healthsync: .*nothing was imported.*\[import\.invalid\]$/,
    );

    const rejects = join(dataDir, 'rejects.csv');
    const loaded = cli(['noshow', file, '--reject-file', rejects, '--json']);
    expect(loaded.status).toBe(0);
    const report = JSON.parse(loaded.stdout) as {
      ok: boolean;
      created: { appointments: number };
      rejectedRows: number;
    };
    expect(report).toMatchObject({ ok: true, created: { appointments: 49 }, rejectedRows: 1 });
    expect(readFileSync(rejects, 'utf8')).toContain('noshow.csv,6,Age,');
  });

  it('names an unknown format in one line', () => {
    const bad = cli(['fhir', file]);
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim()).toMatch(
      /^healthsync: <format>: must be one of healthsynth, noshow, synthea \[validation\.failed\]$/,
    );
  });

  it('refuses to open a data dir another process owns', () => {
    const owned = mkdtempSync(join(tmpdir(), 'healthsync-import-owned-'));
    writeFileSync(join(owned, 'owner.lock'), JSON.stringify({ pid: process.pid, command: 'start' }));
    const locked = cli(['noshow', file], { DATA_DIR: owned });
    expect(locked.status).toBe(1);
    expect(locked.stderr.trim().split('\n')).toHaveLength(1);
    expect(locked.stderr).toContain('[datadir.locked]');
  });
});
