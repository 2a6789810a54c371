/**
 * Weighted choice over integer items with a flat cumulative table: no closures or objects per draw, so the
 * hot loop can call it millions of times. Pure.
 */
import type { Random } from '../../server/demo/random.ts';

export interface Picker {
  readonly cumulative: Float64Array;
  readonly items: Int32Array;
  readonly total: number;
}

/** Items with weight ≤ 0 are left out; an empty picker has `total` 0 and must not be drawn from. */
export function createPicker(weights: ArrayLike<number>, items?: ArrayLike<number>): Picker {
  const kept: number[] = [];
  const sums: number[] = [];
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    const weight = weights[i] ?? 0;
    if (!(weight > 0)) continue;
    total += weight;
    kept.push(items ? (items[i] ?? 0) : i);
    sums.push(total);
  }
  return { cumulative: Float64Array.from(sums), items: Int32Array.from(kept), total };
}

/** The item whose cumulative range holds `u × total`, for `u` uniform in [0, 1). */
export function pick(picker: Picker, u: number): number {
  const { cumulative, items } = picker;
  const target = u * picker.total;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cumulative[mid] as number) > target) hi = mid;
    else lo = mid + 1;
  }
  return items[lo] as number;
}

/** Knuth's product method for small means, a rounded normal beyond 30 (where it is accurate enough). */
export function poisson(mean: number, random: Random): number {
  if (mean <= 0) return 0;
  if (mean > 30) {
    const normal = Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal));
  }
  const limit = Math.exp(-mean);
  let count = 0;
  let product = random.next();
  while (product > limit) {
    count++;
    product *= random.next();
  }
  return count;
}
