/**
 * Pure decisions of the daily watch: for one condition in one neighbourhood, given its daily counts up to the
 * day being judged and its active alert (if any), whether to open, update or close an alert.
 *
 * - Every method (C1, C2, C3) judges the last day; an alarm by any of them with at least `minCases` cases
 *   opens an alert, or extends the active one.
 * - The counts are back at baseline when no method alarms: the active alert closes that day.
 * - expected = the C1 baseline mean (the 7 days before); score = (observed − expected) / max(sd, 1), the C1
 *   statistic with the spread floored at one case so that sparse series do not score infinitely.
 */
import type { AlertDay } from '../../db/schema/index.ts';
import { baselineOf, earsC, EARS_METHODS, firstDay, type EarsMethod } from './rules.ts';

/** Days of counts the watch reads: enough for C3 (baseline 7 + gap 2 + 2 lags) and some context. */
export const WINDOW_DAYS = 28;

export interface Judgement {
  alarm: boolean;
  methods: EarsMethod[];
  day: AlertDay;
  score: number;
}

const round = (x: number, digits = 3) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : 0);

/** EARS on the last day of `counts` (oldest first; the last is `date`). */
export function judge(counts: ArrayLike<number>, date: string, minCases: number): Judgement {
  const t = counts.length - 1;
  const methods = EARS_METHODS.filter(
    (method) => t >= firstDay(method) && earsC(counts, { method }).alarm[t] === 1,
  );
  const observed = counts[t] ?? 0;
  const base = baselineOf(counts, t, 'C1') ?? { mean: 0, sd: 0 };
  const c1 = t >= firstDay('C1') ? earsC(counts, { method: 'C1' }).upperbound[t]! : NaN;
  const alarm = methods.length > 0 && observed >= minCases;
  return {
    alarm,
    methods: alarm ? methods : [],
    score: round((observed - base.mean) / Math.max(base.sd, 1)),
    day: { date, observed, expected: round(base.mean), upperbound: round(c1), methods: alarm ? methods : [] },
  };
}

export interface ActiveAlert {
  id: string;
  status: 'open' | 'confirmed';
  lastAlarmOn: string;
  alarmDays: number;
  days: AlertDay[];
}

export type Decision =
  | { kind: 'none' }
  | { kind: 'open'; judgement: Judgement }
  | { kind: 'update'; id: string; judgement: Judgement; alarmDays: number; days: AlertDay[] }
  | { kind: 'close'; id: string; days: AlertDay[] };

/** The same day judged twice replaces that day's entry instead of adding a second one. */
function withDay(days: AlertDay[], day: AlertDay): AlertDay[] {
  return [...days.filter((d) => d.date !== day.date), day].sort((a, b) => a.date.localeCompare(b.date));
}

/** What to do with one series on `date`. Days before the alert's latest alarm change nothing. */
export function decide(active: ActiveAlert | undefined, j: Judgement, date: string): Decision {
  if (!active) return j.alarm ? { kind: 'open', judgement: j } : { kind: 'none' };
  if (date < active.lastAlarmOn) return { kind: 'none' };
  const days = withDay(active.days, j.day);
  if (!j.alarm) {
    return date === active.lastAlarmOn ? { kind: 'none' } : { kind: 'close', id: active.id, days };
  }
  const alarmDays = active.alarmDays + (date === active.lastAlarmOn ? 0 : 1);
  return { kind: 'update', id: active.id, judgement: j, alarmDays, days };
}

/** Counts shown in public: below the threshold they are withheld (null), so no case can be singled out. */
export function suppress(count: number, threshold: number): number | null {
  return count >= threshold ? count : null;
}
