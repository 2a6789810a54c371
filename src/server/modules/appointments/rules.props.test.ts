/**
 * Properties of the slot rules on random availabilities in zones with and without DST (March 2026
 * holds New York's and London's spring changes). Hours start at 06:00 or later, so no range edge falls
 * in a DST gap and wall times convert back exactly; exact DST counts are in rules.dst.test.ts.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  checkSlot,
  freeSlots,
  nextFreeSlots,
  type Availability,
  type Interval,
  type TimeRange,
  type Weekday,
} from './rules.ts';

const MINUTE = 60_000;
const ZONES = ['America/Sao_Paulo', 'Europe/London', 'America/New_York', 'Asia/Kolkata'];
const BASE = DateTime.fromISO('2026-03-01', { zone: 'UTC' });
const date = (i: number): string => BASE.plus({ days: i }).toISODate()!;
const hhmm = (quarter: number): string =>
  `${String(Math.floor(quarter / 4)).padStart(2, '0')}:${String((quarter % 4) * 15).padStart(2, '0')}`;
const toMinutes = (t: string): number => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
const overlaps = (x: Interval, y: Interval): boolean => x.start < y.end && y.start < x.end;

/** Sorted, disjoint ranges on quarter hours from 06:00 to 24:00, at least 15 minutes apart. */
const rangesArb: fc.Arbitrary<TimeRange[]> = fc
  .uniqueArray(fc.integer({ min: 24, max: 96 }), { maxLength: 6 })
  .map((qs) => {
    const sorted = [...qs].sort((x, y) => x - y);
    const out: TimeRange[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) {
      out.push({ start: hhmm(sorted[i]!), end: hhmm(sorted[i + 1]!) });
    }
    return out;
  });

const intervalArb = (maxMinutes: number): fc.Arbitrary<Interval> =>
  fc
    .record({ at: fc.integer({ min: 0, max: 24 * 24 * 12 }), len: fc.integer({ min: 5, max: maxMinutes }) })
    .map(({ at, len }) => ({
      start: BASE.toMillis() + at * 5 * MINUTE,
      end: BASE.toMillis() + (at * 5 + len) * MINUTE,
    }));

const availabilityArb: fc.Arbitrary<Availability> = fc.record({
  zone: fc.constantFrom(...ZONES),
  slotMinutes: fc.constantFrom(15, 20, 30, 45, 60),
  bufferMinutes: fc.constantFrom(0, 5, 10, 15), // ≤ the 15-minute gap between ranges
  minNoticeMinutes: fc.integer({ min: 0, max: 600 }),
  horizonDays: fc.integer({ min: 0, max: 30 }),
  weekly: fc
    .uniqueArray(fc.record({ weekday: fc.integer({ min: 1, max: 7 }), ranges: rangesArb }), {
      selector: (w) => w.weekday,
      maxLength: 7,
    })
    .map((ws) => ws.map((w) => ({ weekday: w.weekday as Weekday, ranges: w.ranges }))),
  overrides: fc
    .uniqueArray(fc.record({ day: fc.integer({ min: 0, max: 24 }), ranges: rangesArb }), {
      selector: (o) => o.day,
      maxLength: 5,
    })
    .map((os) => os.map((o) => ({ date: date(o.day), ranges: o.ranges }))),
  closedWeekdays: fc.subarray([1, 2, 3, 4, 5, 6, 7] as Weekday[]),
  holidays: fc.uniqueArray(fc.integer({ min: 0, max: 24 }), { maxLength: 4 }).map((ds) => ds.map(date)),
  timeOff: fc.array(intervalArb(3 * 24 * 60), { maxLength: 2 }),
});

/** A window of up to 7 days inside March 2026, and `now` from 3 days before it to 1 day into it. */
const windowArb = fc
  .record({
    from: fc.integer({ min: 0, max: 18 * 24 * 4 }),
    days: fc.integer({ min: 0, max: 7 * 24 * 4 }),
    now: fc.integer({ min: -3 * 24 * 4, max: 24 * 4 }),
  })
  .map(({ from, days, now }) => {
    const start = BASE.toMillis() + from * 15 * MINUTE;
    return { from: start, to: start + days * 15 * MINUTE, now: start + now * 15 * MINUTE };
  });
const busyArb = fc.array(intervalArb(120), { maxLength: 25 });

/** The hours of a local date per the rules, read straight from the availability. */
function hoursOf(a: Availability, iso: string): TimeRange[] {
  const weekday = DateTime.fromISO(iso).weekday as Weekday;
  if (a.closedWeekdays.includes(weekday) || a.holidays.includes(iso)) return [];
  const override = a.overrides.find((o) => o.date === iso);
  return override ? override.ranges : a.weekly.filter((w) => w.weekday === weekday).flatMap((w) => w.ranges);
}

/**
 * Reference model, deliberately naive: walk every local date with Luxon, step each range with
 * DateTime.plus, check every busy interval linearly.
 */
function reference(a: Availability, from: number, to: number, now: number, busy: Interval[]): Interval[] {
  const out: Interval[] = [];
  const horizon = DateTime.fromMillis(now, { zone: a.zone }).plus({ days: a.horizonDays }).toMillis();
  const last = DateTime.fromMillis(to, { zone: a.zone }).toISODate()!;
  for (let d = DateTime.fromMillis(from, { zone: a.zone }).toISODate()!; d <= last;) {
    const next = DateTime.fromISO(d).plus({ days: 1 }).toISODate()!;
    for (const r of hoursOf(a, d)) {
      const end = DateTime.fromISO(r.end === '24:00' ? next : `${d}T${r.end}`, { zone: a.zone });
      let t = DateTime.fromISO(`${d}T${r.start}`, { zone: a.zone });
      for (
        ;
        t.plus({ minutes: a.slotMinutes }) <= end;
        t = t.plus({ minutes: a.slotMinutes + a.bufferMinutes })
      ) {
        const slot = { start: t.toMillis(), end: t.plus({ minutes: a.slotMinutes }).toMillis() };
        const ok = slot.start >= from && slot.end <= to && slot.start >= now + a.minNoticeMinutes * MINUTE;
        const free = !busy.some((b) => overlaps(b, slot)) && !a.timeOff.some((b) => overlaps(b, slot));
        if (ok && free && slot.start <= horizon) out.push(slot);
      }
    }
    d = next;
  }
  return out.sort((x, y) => x.start - y.start);
}

const RUNS = { numRuns: 120 };

describe('freeSlots properties', () => {
  it('slots are sorted, disjoint, slot-long, within notice, horizon, working hours, and avoid busy and time off', () => {
    fc.assert(
      fc.property(availabilityArb, windowArb, busyArb, (a, w, busy) => {
        const slots = freeSlots(a, w.from, w.to, w.now, busy);
        const horizon = DateTime.fromMillis(w.now, { zone: a.zone }).plus({ days: a.horizonDays });
        slots.forEach((s, i) => {
          expect(s.end - s.start).toBe(a.slotMinutes * MINUTE);
          expect(s.start >= w.from && s.end <= w.to).toBe(true);
          expect(s.start >= w.now + a.minNoticeMinutes * MINUTE && s.start <= horizon.toMillis()).toBe(true);
          expect([...busy, ...a.timeOff].some((b) => overlaps(b, s))).toBe(false);
          const [ws, we] = [
            DateTime.fromMillis(s.start, { zone: a.zone }),
            DateTime.fromMillis(s.end, { zone: a.zone }),
          ];
          const endMinutes = we.hasSame(ws, 'day') ? we.hour * 60 + we.minute : 1440;
          const within = hoursOf(a, ws.toISODate()!).some(
            (r) => toMinutes(r.start) <= ws.hour * 60 + ws.minute && endMinutes <= toMinutes(r.end),
          );
          expect(within).toBe(true);
          const prev = slots[i - 1];
          if (prev) expect(s.start).toBeGreaterThanOrEqual(prev.end);
          if (prev && DateTime.fromMillis(prev.start, { zone: a.zone }).hasSame(ws, 'day')) {
            expect(s.start - prev.end).toBeGreaterThanOrEqual(a.bufferMinutes * MINUTE);
          }
        });
      }),
      RUNS,
    );
  });

  it('equals the naive reference model, so no free slot is left out either', () => {
    fc.assert(
      fc.property(availabilityArb, windowArb, busyArb, (a, w, busy) => {
        expect(freeSlots(a, w.from, w.to, w.now, busy)).toEqual(reference(a, w.from, w.to, w.now, busy));
      }),
      RUNS,
    );
  });
});

describe('checkSlot properties', () => {
  it('accepts every slot freeSlots offers when nothing is busy', () => {
    fc.assert(
      fc.property(availabilityArb, windowArb, (a, w) => {
        for (const s of freeSlots(a, w.from, w.to, w.now, [])) {
          expect(checkSlot(a, s.start, s.end, w.now)).toEqual({ ok: true });
        }
      }),
      RUNS,
    );
  });

  it('answers any start with the code of the first rule it breaks', () => {
    const startArb = fc.integer({ min: 0, max: 25 * 24 * 12 }).map((i) => BASE.toMillis() + i * 5 * MINUTE);
    fc.assert(
      fc.property(availabilityArb, windowArb, startArb, (a, w, start) => {
        const end = start + a.slotMinutes * MINUTE;
        const iso = DateTime.fromMillis(start, { zone: a.zone }).toISODate()!;
        const weekday = DateTime.fromISO(iso).weekday as Weekday;
        const horizon = DateTime.fromMillis(w.now, { zone: a.zone }).plus({ days: a.horizonDays }).toMillis();
        // Offered at all, with notice, horizon and time off out of the way (each has its own code).
        const open = { ...a, timeOff: [], minNoticeMinutes: 0, horizonDays: 3660 };
        const offered = reference(open, start, end, BASE.toMillis(), []).length === 1;
        const expected =
          start < w.now
            ? 'slot.in_past'
            : start < w.now + a.minNoticeMinutes * MINUTE
              ? 'slot.too_soon'
              : start > horizon
                ? 'slot.beyond_horizon'
                : a.closedWeekdays.includes(weekday) || a.holidays.includes(iso)
                  ? 'slot.clinic_closed'
                  : a.timeOff.some((t) => overlaps(t, { start, end }))
                    ? 'slot.time_off'
                    : offered
                      ? 'ok'
                      : 'slot.not_offered';
        const r = checkSlot(a, start, end, w.now);
        expect(r.ok ? 'ok' : r.code).toBe(expected);
      }),
      { numRuns: 400 },
    );
  });
});

describe('nextFreeSlots properties', () => {
  const doctorsArb = fc.uniqueArray(
    fc.record({
      doctorId: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
      availability: availabilityArb,
      busy: busyArb,
    }),
    { selector: (d) => d.doctorId, maxLength: 4 },
  );

  it("equals the brute-force merge of every doctor's free slots, soonest first, ties by doctor id", () => {
    fc.assert(
      fc.property(
        doctorsArb,
        windowArb,
        fc.integer({ min: 0, max: 30 }),
        fc.boolean(),
        (doctors, w, limit, bounded) => {
          const to = bounded ? w.to : Infinity;
          const all = doctors.flatMap((d) =>
            freeSlots(d.availability, w.from, to, w.now, d.busy).map((s) => ({ doctorId: d.doctorId, ...s })),
          );
          all.sort((x, y) => x.start - y.start || (x.doctorId < y.doctorId ? -1 : 1));
          const got = nextFreeSlots(doctors, w.from, w.now, limit, bounded ? w.to : undefined);
          expect(got).toEqual(all.slice(0, limit));
        },
      ),
      RUNS,
    );
  });
});
