import { describe, expect, it } from 'vitest';
import { addDays, ageOn, dayOfWeek, localDateTime, zonedTimeToEpoch } from './zoned.ts';

const at = (iso: string): number => Date.parse(iso);

describe('zonedTimeToEpoch', () => {
  it.each([
    ['America/Sao_Paulo', { year: 2026, month: 5, day: 4 }, 8 * 60, '2026-05-04T11:00:00Z'], // UTC−3, no DST since 2019
    ['America/Sao_Paulo', { year: 2018, month: 12, day: 10 }, 8 * 60, '2018-12-10T10:00:00Z'], // old summer time, UTC−2
    ['America/New_York', { year: 2026, month: 3, day: 9 }, 8 * 60, '2026-03-09T12:00:00Z'], // day after DST starts
    ['America/New_York', { year: 2026, month: 1, day: 15 }, 16 * 60 + 40, '2026-01-15T21:40:00Z'],
    ['Asia/Kolkata', { year: 2026, month: 7, day: 1 }, 9 * 60, '2026-07-01T03:30:00Z'], // half-hour offset
    ['Europe/Berlin', { year: 2026, month: 3, day: 29 }, 12 * 60, '2026-03-29T10:00:00Z'], // DST starts that night
  ])('%s %o at minute %i is %s', (zone, date, minute, expected) => {
    expect(zonedTimeToEpoch(date, minute, zone)).toBe(at(expected));
  });

  it('round-trips through localDateTime', () => {
    const epoch = zonedTimeToEpoch({ year: 2026, month: 11, day: 2 }, 13 * 60 + 20, 'America/Sao_Paulo');
    expect(localDateTime(epoch, 'America/Sao_Paulo')).toEqual({
      year: 2026,
      month: 11,
      day: 2,
      hour: 13,
      minute: 20,
      second: 0,
    });
  });
});

describe('calendar helpers', () => {
  it('adds days across month and year ends and names weekdays', () => {
    expect(addDays({ year: 2025, month: 12, day: 30 }, 3)).toEqual({ year: 2026, month: 1, day: 2 });
    expect(addDays({ year: 2024, month: 3, day: 1 }, -1)).toEqual({ year: 2024, month: 2, day: 29 });
    expect(dayOfWeek({ year: 2026, month: 5, day: 9 })).toBe(6); // a Saturday
  });

  it('counts whole years of age, the birthday included', () => {
    expect(ageOn('1990-05-06', { year: 2026, month: 5, day: 6 })).toBe(36);
    expect(ageOn('1990-05-07', { year: 2026, month: 5, day: 6 })).toBe(35);
    expect(ageOn('2026-01-01', { year: 2026, month: 5, day: 6 })).toBe(0);
  });
});
