import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  availabilityProblems,
  checkSlot,
  freeSlots,
  withDefaults,
  type Availability,
  type Interval,
  type WeeklyHours,
} from './rules.ts';

// São Paulo has had no DST since 2019, so wall times in these tests are unambiguous (DST has its own file).
const ZONE = 'America/Sao_Paulo';
const at = (local: string): number => DateTime.fromISO(local, { zone: ZONE }).toMillis();
const wall = (ms: number): string => DateTime.fromMillis(ms, { zone: ZONE }).toFormat('ccc HH:mm');
const walls = (slots: Interval[]): string[] => slots.map((s) => wall(s.start));

const NOW = at('2026-03-01T08:00'); // a Sunday; 2026-03-02 is a Monday
const MON = { from: at('2026-03-02T00:00'), to: at('2026-03-03T00:00') };
const WEEK = { from: at('2026-03-02T00:00'), to: at('2026-03-09T00:00') };
const weekdays = (ranges: [string, string][]): WeeklyHours[] =>
  ([1, 2, 3, 4, 5] as const).map((weekday) => ({
    weekday,
    ranges: ranges.map(([start, end]) => ({ start, end })),
  }));
const clinic = (extra: Partial<Availability> = {}): Availability =>
  withDefaults({
    zone: ZONE,
    weekly: weekdays([
      ['09:00', '12:00'],
      ['13:00', '17:00'],
    ]),
    ...extra,
  });
const monday = (a: Availability, now = NOW, busy: Interval[] = []) =>
  freeSlots(a, MON.from, MON.to, now, busy);

describe('freeSlots: working hours', () => {
  it('offers 30-minute slots in each range of the day and none in the lunch break', () => {
    const slots = monday(clinic());
    expect(walls(slots)).toEqual([
      ...['09:00', '09:30', '10:00', '10:30', '11:00', '11:30'].map((t) => `Mon ${t}`),
      ...['13:00', '13:30', '14:00', '14:30', '15:00', '15:30', '16:00', '16:30'].map((t) => `Mon ${t}`),
    ]);
    expect(slots.every((s) => s.end - s.start === 30 * 60_000)).toBe(true);
  });

  it('steps by slot + buffer within a range and drops a slot that would overrun the range', () => {
    const slots = monday(clinic({ bufferMinutes: 10 }));
    expect(walls(slots).map((w) => w.slice(4))).toEqual(
      ['09:00', '09:40', '10:20', '11:00'].concat(['13:00', '13:40', '14:20', '15:00', '15:40', '16:20']),
    );
  });

  it('fits 45-minute slots exactly up to the end of a range', () => {
    const a = clinic({ slotMinutes: 45, weekly: weekdays([['09:00', '12:00']]) });
    expect(walls(monday(a))).toEqual(['Mon 09:00', 'Mon 09:45', 'Mon 10:30', 'Mon 11:15']);
  });

  it("allows '24:00' as the end of the last range, ending the last slot at midnight", () => {
    const slots = monday(clinic({ weekly: weekdays([['22:00', '24:00']]) }));
    expect(walls(slots)).toEqual(['Mon 22:00', 'Mon 22:30', 'Mon 23:00', 'Mon 23:30']);
    expect(slots.at(-1)!.end).toBe(at('2026-03-03T00:00'));
  });

  it('never offers overlapping slots when ranges overlap', () => {
    const a = clinic({
      weekly: weekdays([
        ['09:00', '10:00'],
        ['09:45', '11:00'],
      ]),
    });
    expect(walls(monday(a))).toEqual(['Mon 09:00', 'Mon 09:30', 'Mon 10:00', 'Mon 10:30']);
  });

  it('keeps only slots lying entirely inside [from, to)', () => {
    const slots = freeSlots(clinic(), at('2026-03-02T09:15'), at('2026-03-02T10:15'), NOW, []);
    expect(walls(slots)).toEqual(['Mon 09:30']);
    expect(freeSlots(clinic(), MON.to, MON.from, NOW, [])).toEqual([]);
  });
});

describe('freeSlots: closed days, holidays and overrides', () => {
  const weekend = weekdays([['09:00', '10:00']]).concat([
    { weekday: 6, ranges: [{ start: '09:00', end: '10:00' }] },
  ]);

  it('offers nothing on closed weekdays (Saturday and Sunday by default)', () => {
    const slots = freeSlots(clinic({ weekly: weekend }), WEEK.from, WEEK.to, NOW, []);
    expect(new Set(walls(slots).map((w) => w.slice(0, 3)))).toEqual(
      new Set(['Mon', 'Tue', 'Wed', 'Thu', 'Fri']),
    );
    const open = freeSlots(clinic({ weekly: weekend, closedWeekdays: [7] }), WEEK.from, WEEK.to, NOW, []);
    expect(walls(open).filter((w) => w.startsWith('Sat'))).toEqual(['Sat 09:00', 'Sat 09:30']);
  });

  it('does not open a closed weekday with an override', () => {
    const a = clinic({ overrides: [{ date: '2026-03-07', ranges: [{ start: '09:00', end: '12:00' }] }] });
    expect(freeSlots(a, at('2026-03-07T00:00'), at('2026-03-08T00:00'), NOW, [])).toEqual([]);
  });

  it('offers nothing on a holiday, even with an override for that date', () => {
    const a = clinic({
      holidays: ['2026-03-02'],
      overrides: [{ date: '2026-03-02', ranges: [{ start: '09:00', end: '12:00' }] }],
    });
    expect(monday(a)).toEqual([]);
    expect(freeSlots(a, WEEK.from, WEEK.to, NOW, [])).toHaveLength(4 * 14);
  });

  it("replaces that day's weekly hours with an override, leaving other days alone", () => {
    const a = clinic({ overrides: [{ date: '2026-03-02', ranges: [{ start: '10:00', end: '11:00' }] }] });
    expect(walls(monday(a))).toEqual(['Mon 10:00', 'Mon 10:30']);
    expect(freeSlots(a, MON.to, at('2026-03-04T00:00'), NOW, [])).toHaveLength(14);
  });

  it('treats an override with no ranges as a day off', () => {
    expect(monday(clinic({ overrides: [{ date: '2026-03-02', ranges: [] }] }))).toEqual([]);
  });

  it('opens an open weekday that has no weekly hours with an override', () => {
    const a = clinic({
      weekly: [],
      overrides: [{ date: '2026-03-04', ranges: [{ start: '14:00', end: '15:00' }] }],
    });
    expect(walls(freeSlots(a, WEEK.from, WEEK.to, NOW, []))).toEqual(['Wed 14:00', 'Wed 14:30']);
  });
});

describe('freeSlots: notice, horizon, time off and busy', () => {
  it('offers no slot starting before now + minimum notice (boundary included)', () => {
    expect(walls(monday(clinic(), at('2026-03-02T08:00')))[0]).toBe('Mon 10:00');
    expect(walls(monday(clinic(), at('2026-03-02T08:01')))[0]).toBe('Mon 10:30');
    expect(walls(monday(clinic({ minNoticeMinutes: 0 }), at('2026-03-02T09:00')))[0]).toBe('Mon 09:00');
  });

  it('offers no slot starting after now + horizon days (boundary included)', () => {
    const a = clinic({ horizonDays: 1 });
    const slots = freeSlots(a, WEEK.from, WEEK.to, at('2026-03-02T09:00'), []);
    expect(walls(slots).filter((w) => w.startsWith('Tue'))).toEqual(['Tue 09:00']);
    expect(freeSlots(clinic({ horizonDays: 7 }), WEEK.from, at('2026-04-01T00:00'), NOW, [])).toHaveLength(
      5 * 14,
    );
  });

  it('offers no slot overlapping time off, but one that merely touches it', () => {
    const a = clinic({ timeOff: [{ start: at('2026-03-02T09:30'), end: at('2026-03-02T13:15') }] });
    expect(walls(monday(a)).slice(0, 2)).toEqual(['Mon 09:00', 'Mon 13:30']);
  });

  it('leaves out busy slots, whatever the order and overlap of the busy intervals', () => {
    const busy = [
      { start: at('2026-03-02T14:00'), end: at('2026-03-02T14:30') },
      { start: at('2026-03-02T09:10'), end: at('2026-03-02T09:20') },
      { start: at('2026-03-02T09:00'), end: at('2026-03-02T11:00') },
      { start: at('2026-03-02T10:59'), end: at('2026-03-02T11:01') },
    ];
    expect(walls(monday(clinic(), NOW, busy)).slice(0, 3)).toEqual(['Mon 11:30', 'Mon 13:00', 'Mon 13:30']);
    expect(walls(monday(clinic(), NOW, busy))).not.toContain('Mon 14:00');
  });
});

describe('checkSlot', () => {
  const a = clinic({
    holidays: ['2026-03-03'],
    overrides: [{ date: '2026-03-04', ranges: [] }],
    timeOff: [{ start: at('2026-03-05T10:00'), end: at('2026-03-05T11:00') }],
  });
  const check = (local: string, minutes = 30, now = NOW) =>
    checkSlot(a, at(local), at(local) + minutes * 60_000, now);
  const code = (r: ReturnType<typeof checkSlot>) => (r.ok ? 'ok' : r.code);

  it('accepts exactly an offered slot, busy or not (busy is the database constraint’s job)', () => {
    expect(check('2026-03-02T09:00')).toEqual({ ok: true });
    expect(check('2026-03-02T16:30')).toEqual({ ok: true });
  });

  it('refuses each broken rule with its own code and a message', () => {
    const cases: [string, ReturnType<typeof check>][] = [
      ['slot.not_offered', check('2026-03-02T09:10')],
      ['slot.not_offered', check('2026-03-02T09:00', 60)],
      ['slot.not_offered', check('2026-03-02T12:00')],
      ['slot.not_offered', check('2026-03-02T17:00')],
      ['slot.not_offered', check('2026-03-04T09:00')],
      ['slot.in_past', check('2026-03-02T09:00', 30, at('2026-03-02T09:01'))],
      ['slot.too_soon', check('2026-03-02T09:00', 30, at('2026-03-02T07:01'))],
      ['slot.beyond_horizon', check('2026-06-01T09:00')],
      ['slot.clinic_closed', check('2026-03-07T09:00')],
      ['slot.clinic_closed', check('2026-03-03T09:00')],
      ['slot.time_off', check('2026-03-05T10:30')],
    ];
    for (const [expected, result] of cases) {
      expect(code(result)).toBe(expected);
      if (!result.ok) expect(result.message.length).toBeGreaterThan(10);
    }
    expect(code(checkSlot(a, Number.NaN, Number.NaN, NOW))).toBe('slot.not_offered');
  });
});

describe('availability validation', () => {
  it('accepts the defaults and names every malformed field', () => {
    expect(availabilityProblems(clinic())).toEqual([]);
    const bad = withDefaults({
      zone: 'Mars/Olympus',
      slotMinutes: 0,
      weekly: [
        {
          weekday: 8 as 1,
          ranges: [
            { start: '25:00', end: '09:00' },
            { start: '10:00', end: '09:00' },
          ],
        },
      ],
      overrides: [{ date: '2026-02-30', ranges: [] }],
      holidays: ['next friday'],
      timeOff: [{ start: 10, end: 5 }],
    });
    expect(availabilityProblems(bad).map((p) => p.path)).toEqual([
      'zone',
      'slotMinutes',
      'weekly.0.weekday',
      'weekly.0.ranges.0.start',
      'weekly.0.ranges.1.end',
      'overrides.0.date',
      'holidays.0',
      'timeOff.0',
    ]);
    expect(() => freeSlots(bad, MON.from, MON.to, NOW, [])).toThrow(RangeError);
    expect(() => checkSlot(bad, MON.from, MON.to, NOW)).toThrow(/zone/);
  });
});
