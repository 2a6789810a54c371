/** The pure formatting of platform rows into catalogue CSV lines (the database side: platform.test.ts). */
import { describe, expect, it } from 'vitest';
import { fileSpec, FILE_NAMES } from '../generate/columns.ts';
import { csvLine, dottedCode, numericId, offsetText, shiftMinutes } from './rows.ts';

describe('platform rows', () => {
  it('formats ids, offsets and codes', () => {
    const id = numericId('0190a5b2-0000-7000-8000-000000000001');
    expect(id).toMatch(/^[1-9]\d*$/);
    expect(BigInt(id) < 1n << 63n).toBe(true);
    expect(numericId('0190a5b2-0000-7000-8000-000000000001')).toBe(id);
    expect([offsetText(-180), offsetText(330), offsetText(0)]).toEqual(['-03:00', '+05:30', '+00:00']);
    // Seconds east of UTC (two float epochs apart) → minutes; Monrovia's -0:44:30 rounds away from zero.
    expect([shiftMinutes(-10800.0000002), shiftMinutes(19799.9999998), shiftMinutes(-2670)]).toEqual([
      -180, 330, -45,
    ]);
    expect([dottedCode('E119'), dottedCode('I10'), dottedCode('E11.9')]).toEqual(['E11.9', 'I10', 'E11.9']);
    for (const name of FILE_NAMES) {
      const fields = csvLine(name, {}).trimEnd().split(',');
      expect(fields, name).toHaveLength(fileSpec(name).columns.length);
    }
  });
});
