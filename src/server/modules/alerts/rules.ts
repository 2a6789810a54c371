/**
 * The CDC's Early Aberration Reporting System (EARS) methods C1, C2 and C3, computed exactly as R's
 * `surveillance::earsC` (version 1.20) does with its default parameters:
 * - C1: the baseline is the `baseline` (7) days just before day t; upper bound = mean + z·max(sd, minSigma).
 * - C2: the same with a 2-day gap: days t−9 … t−3.
 * - C3: from the C2 statistics of days t−2 and t−1, Cₖ = (xₖ − meanₖ)/max(sdₖ, minSigma);
 *   upper bound = max(0, x_t + max(sd_t, minSigma)·(z − Σ max(0, Cₖ − 1))).
 * z = qnorm(1 − alpha), alpha 0.001 for C1/C2 and 0.025 for C3; sd is the sample standard deviation.
 * Days before the first computable day (baseline+1, +3, +5 in R's 1-based days) have no upper bound
 * (NaN) and no alarm; inside the range NaN (e.g. 0/0 with minSigma 0 in C3) gives a NaN bound and an NA
 * alarm, as R does. Pure and allocation-light: it runs on 10,000 series × 365 days in well under a second.
 */
import qnorm from '@stdlib/stats-base-dists-normal-quantile';

export const EARS_METHODS = ['C1', 'C2', 'C3'] as const;
export type EarsMethod = (typeof EARS_METHODS)[number];

export interface EarsOptions {
  method: EarsMethod;
  /** Default 0.001 for C1 and C2, 0.025 for C3 (R's defaults). */
  alpha?: number | undefined;
  /** Baseline days, at least 3; default 7. */
  baseline?: number | undefined;
  /** Floor of the standard deviation; default 0. */
  minSigma?: number | undefined;
}

/** Per day: the upper bound (NaN where undefined) and the alarm (1 yes, 0 no, −1 undefined/NA). */
export interface EarsResult {
  upperbound: Float64Array;
  alarm: Int8Array;
}

export const defaultAlpha = (method: EarsMethod): number => (method === 'C3' ? 0.025 : 0.001);

/** The gap between the baseline and the day it judges: C1 none, C2 and C3 two days. */
const gapOf = (method: EarsMethod): number => (method === 'C1' ? 0 : 2);

/** First day (0-based) with a result: R's default `range` starts at baseline+1 (C1), +3 (C2), +5 (C3). */
export function firstDay(method: EarsMethod, baseline = 7): number {
  return baseline + (method === 'C1' ? 0 : method === 'C2' ? 2 : 4);
}

interface Stats {
  mean: number;
  sd: number;
}

/** Mean and sample sd of x[from, from+n) by two passes (as R's mean and sd do). */
function stats(x: ArrayLike<number>, from: number, n: number, out: Stats): void {
  let sum = 0;
  for (let i = from; i < from + n; i++) sum += x[i]!;
  const mean = sum / n;
  let ss = 0;
  for (let i = from; i < from + n; i++) {
    const d = x[i]! - mean;
    ss += d * d;
  }
  out.mean = mean;
  out.sd = Math.sqrt(ss / (n - 1));
}

function checkOptions(o: EarsOptions, alpha: number, baseline: number, minSigma: number): void {
  if (!EARS_METHODS.includes(o.method)) throw new RangeError('method must be C1, C2 or C3');
  if (!(alpha > 0 && alpha < 1)) throw new RangeError('alpha must be between 0 and 1');
  if (!Number.isInteger(baseline) || baseline < 3) throw new RangeError('Minimum baseline to use is 3.');
  if (!(minSigma >= 0)) throw new RangeError('The minimum sigma parameter (minSigma) needs to be positive');
}

/** EARS C1/C2/C3 over one daily series of counts. */
export function earsC(counts: ArrayLike<number>, o: EarsOptions): EarsResult {
  const alpha = o.alpha ?? defaultAlpha(o.method);
  const baseline = o.baseline ?? 7;
  const minSigma = o.minSigma ?? 0;
  checkOptions(o, alpha, baseline, minSigma);
  const z = qnorm(1 - alpha, 0, 1);
  const n = counts.length;
  const upperbound = new Float64Array(n).fill(NaN);
  const alarm = new Int8Array(n).fill(-1);
  const gap = gapOf(o.method);
  const s: Stats = { mean: 0, sd: 0 };
  // C statistic of day t against its (gapped) baseline; C3 needs it for t−2 and t−1.
  const cStat = (t: number): number => {
    stats(counts, t - gap - baseline, baseline, s);
    return (counts[t]! - s.mean) / Math.max(s.sd, minSigma);
  };
  // C3 reads the C2 statistics of the two days before: carried along, so each day's baseline is read once.
  let [lag2, lag1] = o.method === 'C3' ? [cStat(baseline + 2), cStat(baseline + 3)] : [0, 0];
  for (let t = firstDay(o.method, baseline); t < n; t++) {
    stats(counts, t - gap - baseline, baseline, s);
    const sigma = Math.max(s.sd, minSigma);
    let ub: number;
    if (o.method === 'C3') {
      ub = Math.max(0, counts[t]! + sigma * (z - (Math.max(0, lag2 - 1) + Math.max(0, lag1 - 1))));
      [lag2, lag1] = [lag1, (counts[t]! - s.mean) / sigma];
    } else ub = s.mean + z * sigma;
    upperbound[t] = ub;
    alarm[t] = Number.isNaN(ub) ? -1 : counts[t]! > ub ? 1 : 0;
  }
  return { upperbound, alarm };
}

/** Mean and sd of the baseline that judges day t (the "expected" count and its spread). */
export function baselineOf(
  counts: ArrayLike<number>,
  t: number,
  method: EarsMethod,
  baseline = 7,
): { mean: number; sd: number } | undefined {
  const from = t - gapOf(method) - baseline;
  if (from < 0 || t >= counts.length) return undefined;
  const s: Stats = { mean: 0, sd: 0 };
  stats(counts, from, baseline, s);
  return s;
}
