/**
 * Slot search speed (issue 4 targets: one doctor-month < 5 ms, next 10 free slots across 500 doctors
 * < 50 ms). Baselines measured in the same run:
 * (a) a naive month: Luxon `DateTime.plus` per candidate slot and a linear scan of every busy interval;
 * (b) next-free the obvious way: every doctor's free slots over the whole horizon, then one sort.
 * "warm" keeps the memoised wall-time conversions a running server has; "cold" clears them each run.
 * `now` moves by 1 ms per run, so nothing keyed by the request's instant is reused.
 */
import { DateTime } from 'luxon';
import {
  clearRulesCache,
  freeSlots,
  nextFreeSlots,
  withDefaults,
  type Availability,
  type Interval,
  type TimeRange,
  type Weekday,
} from '../../src/server/modules/appointments/rules.ts';

const MINUTE = 60_000;

/** Small seeded PRNG (mulberry32), so every run books the same slots. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function stats(times: number[]): string {
  const sorted = [...times].sort((x, y) => x - y);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return `median ${at(0.5).toFixed(3)} ms, p95 ${at(0.95).toFixed(3)} ms`;
}

function measure(runs: number, cold: boolean, fn: (run: number) => unknown): number[] {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    if (cold) clearRulesCache();
    const t = performance.now();
    fn(run);
    times.push(performance.now() - t);
  }
  return times;
}

const TEMPLATES: [string, string][][] = [
  [
    ['09:00', '12:00'],
    ['13:00', '17:00'],
  ],
  [
    ['08:00', '12:00'],
    ['14:00', '18:30'],
  ],
  [['07:30', '13:30']],
];
const ZONES = ['America/Sao_Paulo', 'Europe/London', 'America/New_York'];

function doctor(template: [string, string][], zone: string, bufferMinutes = 0): Availability {
  const ranges: TimeRange[] = template.map(([start, end]) => ({ start, end }));
  const weekdays: Weekday[] = [1, 2, 3, 4, 5];
  return withDefaults({ zone, bufferMinutes, weekly: weekdays.map((weekday) => ({ weekday, ranges })) });
}

/** Books `share` of the offered slots in [from, to) (a fraction per day, so near days can be fuller). */
function bookSome(a: Availability, from: number, to: number, now: number, share: (start: number) => number) {
  const rnd = random(Math.floor(from / MINUTE) ^ a.zone.length);
  const offered = freeSlots({ ...a, minNoticeMinutes: 0 }, from, to, now, []);
  return offered.filter((s) => rnd() < share(s.start));
}

/** The naive month: Luxon per slot and a linear busy scan, as a first version would do it. */
function naiveMonth(a: Availability, from: number, to: number, now: number, busy: Interval[]): Interval[] {
  const out: Interval[] = [];
  const horizon = DateTime.fromMillis(now, { zone: a.zone }).plus({ days: a.horizonDays }).toMillis();
  const last = DateTime.fromMillis(to, { zone: a.zone });
  for (let day = DateTime.fromMillis(from, { zone: a.zone }).startOf('day'); day < last;) {
    const next = day.plus({ days: 1 }).startOf('day');
    const closed = a.closedWeekdays.includes(day.weekday as Weekday) || a.holidays.includes(day.toISODate()!);
    const ranges = closed ? [] : a.weekly.filter((w) => w.weekday === day.weekday).flatMap((w) => w.ranges);
    for (const r of ranges) {
      const end =
        r.end === '24:00' ? next : DateTime.fromISO(`${day.toISODate()!}T${r.end}`, { zone: a.zone });
      let t = DateTime.fromISO(`${day.toISODate()!}T${r.start}`, { zone: a.zone });
      for (
        ;
        t.plus({ minutes: a.slotMinutes }) <= end;
        t = t.plus({ minutes: a.slotMinutes + a.bufferMinutes })
      ) {
        const s = { start: t.toMillis(), end: t.plus({ minutes: a.slotMinutes }).toMillis() };
        const taken = [...busy, ...a.timeOff].some((b) => b.start < s.end && s.start < b.end);
        const allowed = s.start >= now + a.minNoticeMinutes * MINUTE && s.start <= horizon;
        if (!taken && allowed && s.start >= from && s.end <= to) out.push(s);
      }
    }
    day = next;
  }
  return out;
}

function doctorMonth(): void {
  const a = doctor(TEMPLATES[0]!, 'America/Sao_Paulo', 5);
  const from = DateTime.fromISO('2026-04-01', { zone: a.zone }).toMillis();
  const to = DateTime.fromISO('2026-05-01', { zone: a.zone }).toMillis();
  const now = DateTime.fromISO('2026-03-20T10:00', { zone: a.zone }).toMillis();
  const busy = bookSome(a, from, to, now, () => 0.4);
  const expected = naiveMonth(a, from, to, now, busy);
  if (JSON.stringify(freeSlots(a, from, to, now, busy)) !== JSON.stringify(expected)) {
    throw new Error('freeSlots and the naive month disagree');
  }
  const offered = freeSlots(a, from, to, now, []).length;
  console.log(`(a) one doctor-month: ${offered} offered slots, ${busy.length} busy, ${expected.length} free`);
  const run = (r: number) => freeSlots(a, from, to, now + r, busy);
  console.log(`    freeSlots, warm:                 ${stats(measure(1000, false, run))}   (target < 5 ms)`);
  console.log(`    freeSlots, cold (no memo):       ${stats(measure(1000, true, run))}`);
  const naive = (r: number) => naiveMonth(a, from, to, now + r, busy);
  console.log(`    baseline, Luxon per slot:        ${stats(measure(1000, false, naive))}`);
}

function manyDoctors(): void {
  const now = DateTime.fromISO('2026-04-06T07:00', { zone: 'America/Sao_Paulo' }).toMillis();
  const window = { from: now, to: now + 14 * 24 * 60 * MINUTE };
  const rnd = random(7);
  const doctors = Array.from({ length: 500 }, (_, i) => {
    const a = doctor(TEMPLATES[i % TEMPLATES.length]!, ZONES[i % ZONES.length]!, i % 4 === 0 ? 10 : 0);
    // The next three days are nearly full, the rest 40 % booked: the answer is a few days out.
    const busy = bookSome(a, window.from, window.to, now, (s) =>
      s < now + 3 * 24 * 60 * MINUTE ? 0.97 : 0.4,
    );
    return {
      doctorId: `doctor-${String(i).padStart(3, '0')}-${rnd().toString(36).slice(2, 6)}`,
      availability: a,
      busy,
    };
  });
  const baseline = (r: number) =>
    doctors
      .flatMap((d) =>
        freeSlots(d.availability, now, Infinity, now + r, d.busy).map((s) => ({
          doctorId: d.doctorId,
          ...s,
        })),
      )
      .sort((x, y) => x.start - y.start || (x.doctorId < y.doctorId ? -1 : 1))
      .slice(0, 10);
  if (JSON.stringify(nextFreeSlots(doctors, now, now, 10)) !== JSON.stringify(baseline(0))) {
    throw new Error('nextFreeSlots and the full-horizon baseline disagree');
  }
  const busyCount = doctors.reduce((n, d) => n + d.busy.length, 0);
  console.log(
    `(b) next 10 free slots across ${doctors.length} doctors (${busyCount} busy intervals, 3 zones)`,
  );
  const run = (r: number) => nextFreeSlots(doctors, now, now + r, 10);
  console.log(`    nextFreeSlots, warm:             ${stats(measure(100, false, run))}   (target < 50 ms)`);
  console.log(`    nextFreeSlots, cold (no memo):   ${stats(measure(100, true, run))}`);
  console.log(`    baseline, full horizon + sort:   ${stats(measure(100, false, baseline))}`);
}

doctorMonth();
manyDoctors();
