import { describe, expect, it } from 'vitest';
import { earsCsv } from './ears-csv.ts';

const csv = (counts: number[]) =>
  ['date,count', ...counts.map((c, i) => `2026-01-${String(i + 1).padStart(2, '0')},${String(c)}`)].join(
    '\n',
  );

describe('EARS on a CSV of daily counts', () => {
  it('prints date,count,upperbound,alarm with the upper bound empty where EARS defines none', () => {
    const out = earsCsv(csv([2, 3, 2, 4, 3, 2, 3, 15, 3]), { method: 'C1' })
      .trim()
      .split('\n');
    expect(out[0]).toBe('date,count,upperbound,alarm');
    expect(out.slice(1, 8).every((l) => l.endsWith(',,'))).toBe(true);
    // Day 8: baseline 2,3,2,4,3,2,3 → mean 19/7, sd 0.7559…; 15 is far above: an alarm.
    const [date, count, ub, alarm] = out[8]!.split(',');
    expect([date, count, alarm]).toEqual(['2026-01-08', '15', 'true']);
    expect(Number(ub)).toBeCloseTo(19 / 7 + 3.090232306167813 * 0.7559289460184544, 12);
    expect(out[9]!.endsWith(',false')).toBe(true);
  });

  it('names the row and column of bad input, and wants one row per consecutive day', () => {
    expect(() => earsCsv('date,count\n2026-01-01,1\n2026-01-02,-1\n', { method: 'C1' })).toThrow(
      expect.objectContaining({
        errors: [{ path: 'row 3.count', message: 'must be a number ≥ 0 (got "-1")' }],
      }),
    );
    expect(() => earsCsv('date,count\n2026-01-01,1\n2026-01-03,1\n', { method: 'C2' })).toThrow(
      expect.objectContaining({ errors: [expect.objectContaining({ path: 'row 3.date' })] }),
    );
    expect(() => earsCsv('day,n\n2026-01-01,1\n', { method: 'C3' })).toThrow(
      expect.objectContaining({
        errors: [{ path: 'input', message: 'needs the columns `date` and `count`' }],
      }),
    );
  });
});
