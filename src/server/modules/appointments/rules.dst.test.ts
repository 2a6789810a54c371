/**
 * Daylight-saving days. Every expectation is first checked against Luxon's own view of the zone (the
 * offsets before and after, which wall times exist), so a wrong date here fails loudly rather than
 * silently testing an ordinary day.
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { checkSlot, freeSlots, withDefaults, type Availability } from './rules.ts';

const HOUR = 3_600_000;
const everyDay = (zone: string, start: string, end: string, extra: Partial<Availability> = {}) =>
  withDefaults({
    zone,
    closedWeekdays: [],
    minNoticeMinutes: 0,
    weekly: ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({ weekday, ranges: [{ start, end }] })),
    ...extra,
  });
const local = (zone: string, iso: string) => DateTime.fromISO(iso, { zone });
/** Free slots of one local date, with `now` a week earlier. */
function daySlots(a: Availability, date: string) {
  const from = local(a.zone, date).startOf('day');
  // Not from.plus({ days: 1 }): on 2018-11-04 the day starts at 01:00, and a day later is 01:00 too.
  const to = from.plus({ days: 1 }).startOf('day');
  return freeSlots(a, from.toMillis(), to.toMillis(), from.minus({ days: 7 }).toMillis(), []);
}
const walls = (zone: string, slots: { start: number }[]) =>
  slots.map((s) => DateTime.fromMillis(s.start, { zone }).toFormat('HH:mm ZZ'));

describe('America/Sao_Paulo (DST until 2019: clocks moved at midnight)', () => {
  const SP = 'America/Sao_Paulo';

  it('spring forward 2018-11-04: 00:00-06:00 is 5 real hours, so 10 thirty-minute slots', () => {
    // Luxon: 00:00 does not exist that day (00:00 -03 became 01:00 -02); 00:00 maps forward to 01:00.
    expect(local(SP, '2018-11-03T12:00').offset).toBe(-180);
    expect(local(SP, '2018-11-04T12:00').offset).toBe(-120);
    expect(local(SP, '2018-11-04T00:00').toFormat('HH:mm')).toBe('01:00');
    const slots = daySlots(everyDay(SP, '00:00', '06:00'), '2018-11-04');
    expect(slots).toHaveLength(10);
    expect(walls(SP, slots)[0]).toBe('01:00 -02:00');
    expect(walls(SP, slots).at(-1)).toBe('05:30 -02:00');
    // The day before is an ordinary 6-hour range: 12 slots.
    expect(daySlots(everyDay(SP, '00:00', '06:00'), '2018-11-03')).toHaveLength(12);
  });

  it('fall back 2019-02-17 00:00 -02 → 2019-02-16 23:00 -03: 18:00-24:00 on the 16th is 7 real hours, 14 slots', () => {
    // The repeated hour is 23:00-24:00 on Saturday the 16th, not after midnight on the 17th.
    expect(local(SP, '2019-02-16T18:00').offset).toBe(-120);
    expect(local(SP, '2019-02-17T00:00').offset).toBe(-180);
    const a = everyDay(SP, '18:00', '24:00');
    const slots = daySlots(a, '2019-02-16');
    expect(slots).toHaveLength(14);
    expect(walls(SP, slots).slice(-6)).toEqual([
      ...['22:00 -02:00', '22:30 -02:00', '23:00 -02:00', '23:30 -02:00'],
      ...['23:00 -03:00', '23:30 -03:00'],
    ]);
    // Each of the twice-lived wall times is a bookable slot of its own.
    const now = local(SP, '2019-02-10T00:00').toMillis();
    for (const s of slots) expect(checkSlot(a, s.start, s.end, now)).toEqual({ ok: true });
  });

  it('00:00-06:00 on either side of that fall-back midnight holds no repeated hour: 12 slots each', () => {
    expect(daySlots(everyDay(SP, '00:00', '06:00'), '2019-02-16')).toHaveLength(12);
    expect(daySlots(everyDay(SP, '00:00', '06:00'), '2019-02-17')).toHaveLength(12);
  });
});

describe('Europe/London (clocks move at 01:00 UTC)', () => {
  const LON = 'Europe/London';

  it('spring forward 2026-03-29 (01:00 → 02:00): 00:00-06:00 is 5 real hours, 10 slots', () => {
    expect(local(LON, '2026-03-29T00:30').offset).toBe(0);
    expect(local(LON, '2026-03-29T03:00').offset).toBe(60);
    expect(local(LON, '2026-03-29T01:30').toFormat('HH:mm')).toBe('02:30');
    const slots = daySlots(everyDay(LON, '00:00', '06:00'), '2026-03-29');
    expect(slots).toHaveLength(10);
    expect(walls(LON, slots).slice(0, 3)).toEqual(['00:00 +00:00', '00:30 +00:00', '02:00 +01:00']);
  });

  it('fall back 2026-10-25 (02:00 → 01:00): 00:00-06:00 is 7 real hours, 14 slots', () => {
    expect(local(LON, '2026-10-25T00:30').offset).toBe(60);
    expect(local(LON, '2026-10-25T03:00').offset).toBe(0);
    const slots = daySlots(everyDay(LON, '00:00', '06:00'), '2026-10-25');
    expect(slots).toHaveLength(14);
    expect(walls(LON, slots).slice(2, 6)).toEqual([
      ...['01:00 +01:00', '01:30 +01:00'],
      ...['01:00 +00:00', '01:30 +00:00'],
    ]);
  });

  it('ordinary 09:00-17:00 hours give 16 slots on both DST days and on an ordinary day', () => {
    const a = everyDay(LON, '09:00', '17:00');
    for (const date of ['2026-03-29', '2026-10-25', '2026-06-15']) {
      const slots = daySlots(a, date);
      expect(slots).toHaveLength(16);
      expect(walls(LON, slots)[0]?.slice(0, 5)).toBe('09:00');
      expect(slots.at(-1)!.end - slots[0]!.start).toBe(8 * HOUR);
    }
    // A whole week around the spring change: 7 days × 16.
    const from = local(LON, '2026-03-26T00:00');
    const week = freeSlots(a, from.toMillis(), from.plus({ days: 7 }).toMillis(), from.toMillis(), []);
    expect(week).toHaveLength(7 * 16);
  });

  it('a range starting inside the spring gap starts where Luxon maps it (01:30 → 02:30 BST)', () => {
    const slots = daySlots(everyDay(LON, '01:30', '03:00'), '2026-03-29');
    expect(walls(LON, slots)).toEqual(['02:30 +01:00']);
  });

  it('counts the horizon in calendar days of the zone, so it keeps its wall-clock time across DST', () => {
    const a = everyDay(LON, '09:00', '12:00', { horizonDays: 1 });
    const now = local(LON, '2026-03-28T10:00'); // GMT; one calendar day later is 10:00 BST, 23 h on
    const slots = freeSlots(a, now.toMillis(), now.plus({ days: 2 }).toMillis(), now.toMillis(), []);
    expect(walls(LON, slots).slice(-2)).toEqual(['09:30 +01:00', '10:00 +01:00']);
    const tooFar = local(LON, '2026-03-29T10:30');
    const r = checkSlot(a, tooFar.toMillis(), tooFar.plus({ minutes: 30 }).toMillis(), now.toMillis());
    expect(r.ok ? 'ok' : r.code).toBe('slot.beyond_horizon');
  });
});
