import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PATTERNS,
  formatAvailability,
  parseAvailability,
  slotStarts,
  weeklySlots,
  withSaturday,
  type Block,
  type WeeklyHours,
} from './availability.ts';

describe('availability', () => {
  it('writes the common patterns the way a receptionist would', () => {
    expect(PATTERNS.map((p) => formatAvailability(p.hours))).toEqual([
      'Mon-Fri 08:00-12:00 13:00-17:00',
      'Mon-Fri 07:00-13:00',
      'Mon-Fri 13:00-19:00',
      'Mon,Wed,Fri 08:00-12:00 13:00-18:00',
      'Tue,Thu 07:00-12:00 13:00-19:00',
    ]);
    expect(formatAvailability(withSaturday(PATTERNS[0]!.hours))).toBe(
      'Mon-Fri 08:00-12:00 13:00-17:00; Sat 08:00-12:00',
    );
  });

  it('parses what it writes, for any weekly hours', () => {
    const minute = fc.integer({ min: 0, max: 23 * 60 });
    const block = fc
      .tuple(minute, fc.integer({ min: 1, max: 60 }))
      .map(([from, length]): Block => [from, Math.min(from + length * 5, 23 * 60 + 59)]);
    const day = fc.array(block, { maxLength: 3 }).map((blocks) => [...blocks].sort((a, b) => a[0] - b[0]));
    const week = fc.array(day, { minLength: 7, maxLength: 7 }).filter((w) => w.some((b) => b.length > 0));
    fc.assert(
      fc.property(week, (hours: WeeklyHours) => {
        expect(parseAvailability(formatAvailability(hours))).toEqual(hours);
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['Mon-Fri', 'has no hours'],
    ['Mon-Fri 8:00-12:00', '"8:00" is not a HH:MM time'],
    ['Moon 08:00-12:00', '"Moon" is not a weekday'],
    ['Mon 12:00-08:00', '"12:00-08:00" ends before it starts'],
  ])('refuses %s', (text, message) => {
    expect(() => parseAvailability(text)).toThrow(message);
  });

  it('lays whole slots from the start of each block, none crossing its end', () => {
    expect(
      slotStarts(
        [
          [8 * 60, 12 * 60],
          [13 * 60, 17 * 60],
        ],
        50,
      ),
    ).toEqual([480, 530, 580, 630, 780, 830, 880, 930]);
    expect(weeklySlots(PATTERNS[0]!.hours, 20)).toBe(5 * 24);
    expect(weeklySlots(PATTERNS[4]!.hours, 30)).toBe(2 * 22);
  });
});
