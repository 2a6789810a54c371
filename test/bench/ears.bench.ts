/**
 * EARS speed (issue 10 target: 10,000 series × 365 days under 1 s). Each method runs over every day of
 * every series (Poisson-like counts, seeded). Baseline in the same run: the same arithmetic written the
 * obvious way — per day, slice the baseline into a new array and take mean and sd with reduce — on the
 * first 1,000 series, scaled ×10. Results are checked equal, so the fast path is not fast by being wrong.
 */
import { earsC, EARS_METHODS, firstDay, type EarsMethod } from '../../src/server/modules/alerts/rules.ts';
import qnorm from '@stdlib/stats-base-dists-normal-quantile';

const SERIES = 10_000;
const DAYS = 365;

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rnd = random(10);
const data: Int32Array[] = Array.from({ length: SERIES }, (_, s) => {
  const mean = 0.2 + (s % 20);
  return Int32Array.from({ length: DAYS }, () => {
    let [k, p] = [0, rnd()];
    const limit = Math.exp(-mean);
    while (p > limit) [k, p] = [k + 1, p * rnd()];
    return k;
  });
});

/** The obvious version: new arrays per day, reduce for mean and sd. */
function naive(x: ArrayLike<number>, method: EarsMethod): number[] {
  const xs = Array.from(x);
  const z = qnorm(1 - (method === 'C3' ? 0.025 : 0.001), 0, 1);
  const gap = method === 'C1' ? 0 : 2;
  const base = (t: number) => {
    const b = xs.slice(t - gap - 7, t - gap);
    const mean = b.reduce((a, v) => a + v, 0) / b.length;
    const sd = Math.sqrt(b.reduce((a, v) => a + (v - mean) ** 2, 0) / (b.length - 1));
    return { mean, sd };
  };
  const out = xs.map(() => NaN);
  for (let t = firstDay(method); t < xs.length; t++) {
    const { mean, sd } = base(t);
    if (method !== 'C3') out[t] = mean + z * sd;
    else {
      const c = (k: number) => ((m) => (xs[k]! - m.mean) / m.sd)(base(k));
      const lag = Math.max(0, c(t - 2) - 1) + Math.max(0, c(t - 1) - 1);
      out[t] = Math.max(0, xs[t]! + sd * (z - lag));
    }
  }
  return out;
}

const same = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Array.from(a).every((v, i) => (Number.isNaN(v) && Number.isNaN(b[i]!)) || Math.abs(v - b[i]!) < 1e-9);

let alarms = 0;
const times: Record<string, number> = {};
for (const method of EARS_METHODS) {
  earsC(data[0]!, { method }); // warm-up
  const t = performance.now();
  for (const series of data) {
    const r = earsC(series, { method });
    for (let i = 0; i < r.alarm.length; i++) if (r.alarm[i] === 1) alarms++;
  }
  times[method] = performance.now() - t;
  const n = performance.now();
  for (const series of data.slice(0, SERIES / 10)) naive(series, method);
  const naiveMs = (performance.now() - n) * 10;
  for (const series of data.slice(0, 50)) {
    if (!same(earsC(series, { method }).upperbound, naive(series, method))) {
      throw new Error(`${method}: fast and naive upper bounds differ`);
    }
  }
  console.log(
    `${method}: ${String(SERIES)} series × ${String(DAYS)} days in ${times[method].toFixed(0)} ms ` +
      `(naive baseline ${naiveMs.toFixed(0)} ms, ×${(naiveMs / times[method]).toFixed(1)})`,
  );
}
const total = Object.values(times).reduce((a, b) => a + b, 0);
console.log(
  `all three methods: ${total.toFixed(0)} ms; ${String(alarms)} alarm-days; target < 1000 ms per method`,
);
if (Object.values(times).some((ms) => ms >= 1000)) process.exitCode = 1;
