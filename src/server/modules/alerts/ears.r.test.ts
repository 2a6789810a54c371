/**
 * EARS C1/C2/C3 against R's `surveillance::earsC` itself: Rscript computes the reference for every series
 * and setting, and each day's upper bound (to 1e-9) and alarm must agree. Without Rscript this fails:
 * CI installs r-cran-surveillance (.ci/run).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { earsC, firstDay, type EarsMethod } from './rules.ts';

/** A seeded generator (mulberry32), so the series are the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function poisson(rand: () => number, mean: number): number {
  const limit = Math.exp(-mean);
  let [k, p] = [0, rand()];
  while (p > limit) [k, p] = [k + 1, p * rand()];
  return k;
}

const rand = random(20261122);
const SERIES: Record<string, number[]> = {
  // Everyday counts with an outbreak in the middle.
  outbreak: Array.from({ length: 90 }, (_, i) => poisson(rand, 3) + (i >= 50 && i < 56 ? 6 + i - 50 : 0)),
  // Sparse counts: many zero baselines (sd 0, so minSigma decides).
  sparse: Array.from({ length: 60 }, () => (rand() < 0.15 ? 1 : 0)),
  zeros: Array.from({ length: 30 }, () => 0),
  constant: Array.from({ length: 30 }, () => 4),
  // A first case after only zeros: C1/C2 divide by 0 → Inf; C3 has 0·Inf.
  firstCase: [...Array.from({ length: 20 }, () => 0), 1, 0, 3, 0, 0],
  // Large counts with a weekly rhythm and a trend.
  weekly: Array.from(
    { length: 120 },
    (_, i) => 200 + 3 * i + [40, 25, 10, 0, -5, -30, -45][i % 7]! + poisson(rand, 8),
  ),
  // Fractional "counts" (rates), which the CLI accepts too.
  rates: Array.from({ length: 40 }, (_, i) => Math.round((1.5 + Math.sin(i / 3) + rand()) * 1000) / 1000),
  // Exactly long enough for one C1 day; too short for C2 and C3 (R refuses those).
  short: [3, 1, 4, 1, 5, 9, 2, 6],
};

interface Case {
  case: string;
  series: string;
  method: EarsMethod;
  alpha?: number;
  minSigma?: number;
}

const CASES: Case[] = [
  ...Object.keys(SERIES).flatMap((series) =>
    (['C1', 'C2', 'C3'] as const).map((method) => ({ case: `${series}-${method}`, series, method })),
  ),
  ...(['C1', 'C2', 'C3'] as const).flatMap((method) => [
    { case: `sparse-${method}-minSigma`, series: 'sparse', method, minSigma: 0.5 },
    { case: `zeros-${method}-minSigma`, series: 'zeros', method, minSigma: 1 },
    { case: `outbreak-${method}-alpha`, series: 'outbreak', method, alpha: 0.05 },
  ]),
];

type Reference = Map<string, { day: number; upperbound: number; alarm: boolean | null }[] | 'error'>;

function runR(): Reference {
  const probe = spawnSync('Rscript', ['--version'], { encoding: 'utf8' });
  if (probe.error) {
    throw new Error(
      'Rscript is missing: the EARS reference needs R with the surveillance package ' +
        '(apt-get install -y --no-install-recommends r-cran-surveillance; .ci/run does this).',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'hs-ears-'));
  try {
    const rows = Object.entries(SERIES).flatMap(([name, xs]) => xs.map((x, i) => `${name},${i + 1},${x}`));
    writeFileSync(join(dir, 'series.csv'), ['series,day,count', ...rows].join('\n') + '\n');
    const cases = CASES.map((c) => `${c.case},${c.series},${c.method},${c.alpha ?? ''},${c.minSigma ?? ''}`);
    writeFileSync(join(dir, 'cases.csv'), ['case,series,method,alpha,minSigma', ...cases].join('\n') + '\n');
    const r = spawnSync('Rscript', [join(import.meta.dirname, 'ears-reference.R'), dir], {
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`Rscript failed (is r-cran-surveillance installed?): ${r.stderr}`);
    return parseReference(readFileSync(join(dir, 'reference.csv'), 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function parseReference(csv: string): Reference {
  const out: Reference = new Map();
  const unquote = (s: string) => s.replace(/^"|"$/g, '');
  for (const line of csv.trim().split('\n').slice(1)) {
    const [name, day, ub, alarm] = line.split(',').map(unquote) as [string, string, string, string];
    if (ub === 'error') {
      out.set(name, 'error');
      continue;
    }
    const list = (out.get(name) ?? []) as Exclude<ReturnType<Reference['get']>, 'error' | undefined>;
    const upperbound = ub === 'NA' || ub === 'NaN' ? NaN : Number(ub);
    list.push({ day: Number(day), upperbound, alarm: alarm === 'NA' ? null : alarm === 'TRUE' });
    out.set(name, list);
  }
  return out;
}

const close = (a: number, b: number) =>
  (Number.isNaN(a) && Number.isNaN(b)) || a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

let reference: Reference;
beforeAll(() => {
  reference = runR();
}, 60_000);
afterAll(() => undefined);

describe('EARS equals R surveillance::earsC', () => {
  it.each(CASES)('$case: every upper bound (to 1e-9) and every alarm', (c) => {
    const xs = SERIES[c.series]!;
    const ours = earsC(xs, { method: c.method, alpha: c.alpha, minSigma: c.minSigma });
    const ref = reference.get(c.case);
    expect(ref, `R gave nothing for ${c.case}`).toBeDefined();
    const start = firstDay(c.method);
    if (ref === 'error') {
      // R refuses a series too short for the method: no day of ours has a result either.
      expect(xs.length).toBeLessThanOrEqual(start);
      expect([...ours.alarm].every((a) => a === -1)).toBe(true);
      return;
    }
    expect(ref!.map((d) => d.day)).toEqual(xs.slice(start).map((_, i) => start + i + 1));
    for (let t = 0; t < start; t++) expect([ours.upperbound[t], ours.alarm[t]]).toEqual([NaN, -1]);
    const mismatches = ref!.filter((d) => {
      const t = d.day - 1;
      const alarm = ours.alarm[t] === -1 ? null : ours.alarm[t] === 1;
      return !close(ours.upperbound[t]!, d.upperbound) || alarm !== d.alarm;
    });
    expect(mismatches).toEqual([]);
  });

  it('the test series exercise alarms, no-alarms and NA alike', () => {
    const all = [...reference.values()].flatMap((r) => (r === 'error' ? [] : r));
    expect(all.some((d) => d.alarm === true)).toBe(true);
    expect(all.some((d) => d.alarm === false)).toBe(true);
    expect(all.some((d) => d.alarm === null)).toBe(true);
    expect([...reference.values()].filter((r) => r === 'error')).toHaveLength(2);
  });
});
