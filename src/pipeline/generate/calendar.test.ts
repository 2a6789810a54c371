import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RowBuffer, chunksToString } from './bytes.ts';
import { createCalendar, isoDateOfEpochDay } from './calendar.ts';

const ZONE = 'America/Sao_Paulo';
const wallClock = new Intl.DateTimeFormat('sv-SE', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

describe('calendar tables', () => {
  it('writes local times whose instant shows the same wall clock in São Paulo, across DST years', () => {
    // Periods starting in summer-time years (until 2019) and after; bookings may fall 200 days before the start.
    const calendars = [2005, 2012, 2018, 2031].map((year) =>
      createCalendar({ year, month: 9, day: 1 }, 400, ZONE),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...calendars),
        fc.integer({ min: -200, max: 399 }),
        fc.integer({ min: 6 * 60, max: 22 * 60 }),
        fc.integer({ min: 0, max: 59 }),
        (calendar, day, minute, second) => {
          const text = calendar.timestamp(day, minute, second);
          const out = new RowBuffer();
          calendar.writeTimestamp(out, day, minute, second);
          expect(chunksToString(out.takeAll())).toBe(text);
          const shown = wallClock.format(new Date(text)).replace(' ', 'T');
          expect(shown).toBe(text.slice(0, 19));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('knows the weekday and the date of every day, births included', () => {
    const calendar = createCalendar({ year: 2025, month: 1, day: 1 }, 365, ZONE);
    expect(calendar.date(0)).toBe('2025-01-01');
    expect(calendar.weekday(0)).toBe(3); // a Wednesday
    expect(calendar.date(-1)).toBe('2024-12-31');
    expect(calendar.weekday(-200)).toBe(new Date('2024-06-15T12:00:00Z').getUTCDay());
    expect(calendar.date(364)).toBe('2025-12-31');
    expect(calendar.date(calendar.dayOf({ year: 1921, month: 3, day: 5 }))).toBe('1921-03-05');
    expect(isoDateOfEpochDay(0)).toBe('1970-01-01');
  });

  it('switched from −02:00 to −03:00 when summer time ended on 17 February 2019 (and has stayed)', () => {
    const calendar = createCalendar({ year: 2019, month: 2, day: 10 }, 10, ZONE);
    expect(calendar.timestamp(6, 600, 0)).toBe('2019-02-16T10:00:00-02:00');
    expect(calendar.timestamp(7, 600, 0)).toBe('2019-02-17T10:00:00-03:00');
  });
});
