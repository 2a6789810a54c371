/** `healthsync alerts ears` and `healthsync discover evaluate` as people run them (no database needed). */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = join(import.meta.dirname, '..', 'src', 'cli', 'main.ts');
const cli = (args: string[], input = '') =>
  spawnSync(process.execPath, [CLI, ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'silent' },
  });

const days = (counts: number[]) =>
  ['date,count', ...counts.map((c, i) => `2026-02-${String(i + 1).padStart(2, '0')},${String(c)}`)].join(
    '\n',
  ) + '\n';

describe('healthsync alerts ears', { timeout: 60_000 }, () => {
  it('reads date,count from standard input and prints date,count,upperbound,alarm', () => {
    const res = cli(
      ['alerts', 'ears', '--method', 'C2', '--input', '-'],
      days([1, 2, 1, 3, 2, 1, 2, 2, 1, 2, 14]),
    );
    expect(res.status).toBe(0);
    const lines = res.stdout.trim().split('\n');
    expect(lines[0]).toBe('date,count,upperbound,alarm');
    // C2 judges from the 10th day (7 baseline days + a 2-day gap); earlier days have no upper bound.
    expect(lines.slice(1, 10).every((l) => l.endsWith(',,'))).toBe(true);
    expect(lines[10]).toMatch(/^2026-02-10,2,[\d.]+,false$/);
    expect(lines[11]).toMatch(/^2026-02-11,14,[\d.]+,true$/);
  });

  it('fails with a one-line reason naming the problem', () => {
    const bad = cli(['alerts', 'ears', '--method', 'C9', '--input', '-'], days([1]));
    expect([bad.status, bad.stderr.trim()]).toEqual([
      1,
      'healthsync: --method: must be C1, C2 or C3 [validation.failed]',
    ]);
    const gap = cli(
      ['alerts', 'ears', '--method', 'C1', '--input', '-'],
      'date,count\n2026-01-01,1\n2026-01-05,2\n',
    );
    expect(gap.stderr).toMatch(/^healthsync: row 3\.date: must be the day after the previous row/);
  });
});

describe('healthsync discover evaluate', { timeout: 60_000 }, () => {
  it('reports held-out and plain-language accuracy on a synthetic history', () => {
    const res = cli(['discover', 'evaluate', '--synthetic', '2000', '--json']);
    expect(res.status).toBe(0);
    const out = JSON.parse(res.stdout) as {
      test: number;
      top1: number;
      top3: number;
      phrasings: { cases: number };
    };
    expect(out.test).toBe(400);
    expect(out.top3).toBeGreaterThanOrEqual(out.top1);
    expect(out.phrasings.cases).toBeGreaterThanOrEqual(40);
  });
});
