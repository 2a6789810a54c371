/**
 * Pure scheduling rules: which slots a doctor offers, which of them are free, and whether a requested
 * time is bookable. No IO and no clock (`now` is a parameter). Instants are epoch milliseconds in UTC;
 * every wall-clock step (a local day's hours, the horizon) goes through Luxon in the clinic's zone.
 */
import {
  availabilityProblems,
  type Availability,
  type Interval,
  type TimeRange,
} from './availability-rules.ts';
import {
  clearWallClockCache,
  dayOf,
  horizonEnd,
  isoWeekday,
  localDay,
  minutesOf,
  wallInstant,
} from './wallclock.ts';

// The availability's shape, defaults and validation live beside it; importers keep using this file.
export {
  availabilityProblems,
  withDefaults,
  type Availability,
  type DayOverride,
  type Interval,
  type Problem,
  type TimeRange,
  type Weekday,
  type WeeklyHours,
} from './availability-rules.ts';

/** Forgets memoised Luxon answers (benchmarks use it to measure cold runs). */
export const clearRulesCache = clearWallClockCache;

/** Why `checkSlot` refuses a time (422 codes for the booking service). */
export type SlotCode =
  | 'slot.in_past'
  | 'slot.too_soon'
  | 'slot.beyond_horizon'
  | 'slot.clinic_closed'
  | 'slot.time_off'
  | 'slot.not_offered';
export type SlotCheck = { ok: true } | { ok: false; code: SlotCode; message: string };

const MINUTE = 60_000;

/** An availability parsed once per call into numbers for the hot path. */
interface Plan {
  zone: string;
  slotMs: number;
  stepMs: number;
  earliest: number; // first allowed slot start (notice)
  latest: number; // last allowed slot start (horizon)
  weekly: (number[] | undefined)[]; // by weekday: flat [start, end, start, end…] minutes, sorted
  overrides: Map<number, number[]>;
  closed: Set<number>;
  holidays: Set<number>;
  blocked: Interval[]; // busy and time off, sorted by start
}

/** Appends ranges to flat [start, end, start, end…] minutes, kept sorted by start. */
function addRanges(flat: number[], ranges: TimeRange[]): number[] {
  for (const r of ranges) flat.push(minutesOf(r.start), minutesOf(r.end));
  for (let i = 2; i < flat.length; i += 2) {
    if (flat[i]! < flat[i - 2]!) {
      const pairs = Array.from({ length: flat.length / 2 }, (_, k) => [flat[2 * k]!, flat[2 * k + 1]!]);
      return pairs.sort((x, y) => x[0]! - y[0]!).flat();
    }
  }
  return flat;
}

function plan(a: Availability, now: number, blocked: Interval[]): Plan {
  const problem = availabilityProblems(a)[0];
  if (problem) throw new RangeError(`Invalid availability: ${problem.path} ${problem.message}`);
  const weekly: (number[] | undefined)[] = [];
  for (const w of a.weekly) weekly[w.weekday] = addRanges(weekly[w.weekday] ?? [], w.ranges);
  const overrides = new Map<number, number[]>();
  for (const o of a.overrides) {
    const day = dayOf(o.date);
    overrides.set(day, addRanges(overrides.get(day) ?? [], o.ranges));
  }
  return {
    zone: a.zone,
    slotMs: a.slotMinutes * MINUTE,
    stepMs: (a.slotMinutes + a.bufferMinutes) * MINUTE,
    earliest: now + a.minNoticeMinutes * MINUTE,
    latest: horizonEnd(a.zone, now, a.horizonDays),
    weekly,
    overrides,
    closed: new Set(a.closedWeekdays),
    holidays: new Set(a.holidays.map(dayOf)),
    blocked: blocked.sort((x, y) => x.start - y.start),
  };
}

/**
 * Offered slot starts of one local day, in order, ignoring notice, horizon, busy and time off. Each
 * range steps by slot + buffer of elapsed time from its start instant; a range never starts a slot
 * before the previous slot's end + buffer, so overlapping ranges cannot offer overlapping slots.
 */
function offeredStarts(p: Plan, day: number, out: number[]): void {
  if (p.closed.has(isoWeekday(day)) || p.holidays.has(day)) return;
  const ranges = p.overrides.get(day) ?? p.weekly[isoWeekday(day)];
  if (!ranges) return;
  let next = -Infinity;
  for (let i = 0; i < ranges.length; i += 2) {
    const end = wallInstant(p.zone, day, ranges[i + 1]!);
    let s = Math.max(wallInstant(p.zone, day, ranges[i]!), next);
    for (; s + p.slotMs <= end; s += p.stepMs) out.push(s);
    next = s;
  }
}

/** Walks one doctor's free slots day by day, so callers can stop as soon as they have enough. */
interface Cursor {
  p: Plan;
  day: number;
  lastDay: number;
  lo: number; // first allowed start
  to: number; // slots end at or before this
  j: number; // index into p.blocked: every interval before it ends before the current slot
  buf: number[]; // free slot starts of the current day
  i: number; // next unread slot in buf
}

function cursor(a: Availability, from: number, to: number, now: number, busy: Interval[]): Cursor {
  const blocked = busy.concat(a.timeOff).filter((b) => b.end > from && b.start < to);
  const p = plan(a, now, blocked);
  const lo = Math.max(from, p.earliest);
  const hi = Math.min(to, p.latest);
  const empty = !(lo <= hi);
  const day = empty ? 0 : localDay(p.zone, lo);
  return { p, day, lastDay: empty ? -1 : localDay(p.zone, hi), lo, to, j: 0, buf: [], i: 0 };
}

/** Loads the next local day that has a free slot into `c.buf`; false when none is left. */
function nextDay(c: Cursor): boolean {
  const { p } = c;
  while (c.day <= c.lastDay) {
    const starts: number[] = [];
    offeredStarts(p, c.day++, starts);
    [c.buf, c.i] = [[], 0];
    for (const s of starts) {
      const e = s + p.slotMs;
      if (s < c.lo || s > p.latest || e > c.to) continue;
      // Slot starts only grow, so the pointer into the sorted blocked list only moves forward.
      while (c.j < p.blocked.length && p.blocked[c.j]!.end <= s) c.j++;
      const b = p.blocked[c.j];
      if (b === undefined || b.start >= e) c.buf.push(s);
    }
    if (c.buf.length > 0) return true;
  }
  return false;
}

/**
 * Free slots in [from, to) — offered by the availability, not overlapping `busy` (active appointments)
 * or time off, within notice and horizon — sorted by start. A slot must lie entirely inside [from, to).
 */
export function freeSlots(
  a: Availability,
  from: number,
  to: number,
  now: number,
  busy: Interval[],
): Interval[] {
  const c = cursor(a, from, to, now, busy);
  const out: Interval[] = [];
  while (nextDay(c)) for (const s of c.buf) out.push({ start: s, end: s + c.p.slotMs });
  return out;
}

const refuse = (code: SlotCode, message: string): SlotCheck => ({ ok: false, code, message });

/**
 * Whether [start, end) is exactly a slot the doctor offers (ignoring busy). The first failing rule
 * names the code, in this order: past, notice, horizon, clinic closed (closed weekday or holiday),
 * time off, and otherwise not offered (misaligned, a break, the doctor's day off, wrong length).
 */
export function checkSlot(a: Availability, start: number, end: number, now: number): SlotCheck {
  const p = plan(a, now, []);
  if (start < now) return refuse('slot.in_past', 'This time has already passed.');
  if (start < p.earliest) return refuse('slot.too_soon', `Book ${a.minNoticeMinutes} minutes ahead or more.`);
  if (start > p.latest) return refuse('slot.beyond_horizon', `Book at most ${a.horizonDays} days ahead.`);
  const day = localDay(p.zone, start);
  if (p.closed.has(isoWeekday(day)) || p.holidays.has(day)) {
    return refuse('slot.clinic_closed', 'The clinic is closed on that day.');
  }
  const away = a.timeOff.some((t) => t.start < end && start < t.end);
  if (away) return refuse('slot.time_off', 'The doctor is away at that time.');
  const starts: number[] = [];
  offeredStarts(p, day, starts);
  if (end - start === p.slotMs && starts.includes(start)) return { ok: true };
  return refuse('slot.not_offered', 'The doctor offers no slot at exactly this time.');
}

type Head = { doctorId: string; c: Cursor };

/** Orders heads latest first, so the soonest is popped from the end (ties: smaller doctor id first). */
function later(x: Head, y: Head): boolean {
  const [sx, sy] = [x.c.buf[x.c.i]!, y.c.buf[y.c.i]!];
  return sx !== sy ? sx > sy : x.doctorId > y.doctorId;
}

function insert(heads: Head[], h: Head): void {
  let [lo, hi] = [0, heads.length];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (later(heads[mid]!, h)) lo = mid + 1;
    else hi = mid;
  }
  heads.splice(lo, 0, h);
}

/**
 * The soonest free slots across many doctors, soonest first (ties by doctor id, in code-unit order),
 * at most `limit`. A k-way merge of each doctor's day-by-day walk: it computes only the days it reads.
 */
export function nextFreeSlots(
  doctors: { doctorId: string; availability: Availability; busy: Interval[] }[],
  from: number,
  now: number,
  limit: number,
  to: number = Infinity,
): { doctorId: string; start: number; end: number }[] {
  const out: { doctorId: string; start: number; end: number }[] = [];
  if (!(limit >= 1)) return out;
  const heads: Head[] = [];
  for (const d of doctors) {
    const c = cursor(d.availability, from, to, now, d.busy);
    if (nextDay(c)) insert(heads, { doctorId: d.doctorId, c });
  }
  while (out.length < limit) {
    const h = heads.pop();
    if (!h) break;
    const start = h.c.buf[h.c.i++]!;
    out.push({ doctorId: h.doctorId, start, end: start + h.c.p.slotMs });
    if (h.c.i < h.c.buf.length || nextDay(h.c)) insert(heads, h);
  }
  return out;
}
