import { describe, expect, it } from 'vitest';
import { parseAvailability } from './availability.ts';
import { parseCsv } from './csv.ts';
import { Fields, matchKey, minusYears, normalizeId, titleCase, type Issue } from './rules.ts';

describe('normalizeId', () => {
  it('keeps plain ids and rewrites E notation exactly, without float rounding', () => {
    expect(normalizeId('29872499824296')).toEqual({ id: '29872499824296', repaired: false });
    expect(normalizeId('9377952927E-5')).toEqual({ id: '93779.52927', repaired: true });
    expect(normalizeId('53761528476E-5')).toEqual({ id: '537615.28476', repaired: true });
    expect(normalizeId('2.9872499824296e+13')).toEqual({ id: '29872499824296', repaired: true });
    expect(normalizeId('12E2')).toEqual({ id: '1200', repaired: true });
    expect(normalizeId('5E-3')).toEqual({ id: '0.005', repaired: true });
    expect(normalizeId('12a')).toBeUndefined();
    expect(normalizeId('')).toBeUndefined();
  });
});

describe('matchKey', () => {
  it('folds accents, case, digits and punctuation; keeps birth date and sex apart', () => {
    expect(matchKey('José  da Silva-Santos', '1980-02-03', 'M')).toBe(
      matchKey('jose DA silva santos', '1980-02-03', 'M'),
    );
    expect(matchKey('Maynard46 Mosciski958', '2014-10-06', 'M')).toBe(
      matchKey('Maynard Mosciski', '2014-10-06', 'M'),
    );
    expect(matchKey('Ana Lima', '1980-02-03', 'F')).not.toBe(matchKey('Ana Lima', '1980-02-04', 'F'));
    expect(matchKey('Ana Lima', '1980-02-03', 'F')).not.toBe(matchKey('Ana Lima', '1980-02-03', 'M'));
    expect(matchKey('Ana Lima', '1980-02-03', 'F')).not.toBe(matchKey('Ana Lins', '1980-02-03', 'F'));
  });
});

describe('field readers', () => {
  const row = (values: Record<string, string>) => ({
    line: 7,
    raw: 'raw',
    get: (c: string) => values[c] ?? '',
  });

  it('name file, line, column and reason for every bad field, and read good ones', () => {
    const f = new Fields(
      'p.csv',
      row({ Age: '-3', Flag: '2', Day: '2016-02-30', At: '2016-04-29T18:38:08Z', Money: '12.345' }),
    );
    expect(f.int('Age', 0, 120)).toBeUndefined();
    expect(f.flag('Flag')).toBeUndefined();
    expect(f.date('Day')).toBeUndefined();
    expect(f.timestamp('At')).toBe('2016-04-29T18:38:08.000Z');
    expect(f.money('Money')).toBeUndefined();
    expect(f.issues.map((i: Issue) => `${i.file}:${i.line}:${i.column}`)).toEqual([
      'p.csv:7:Age',
      'p.csv:7:Flag',
      'p.csv:7:Day',
      'p.csv:7:Money',
    ]);
    expect(f.issues[0]!.reason).toBe('-3 is outside 0–120');
  });

  it('refuse timestamps without an offset', () => {
    const f = new Fields('a.csv', row({ At: '2016-04-29 18:38:08' }));
    expect(f.timestamp('At')).toBeUndefined();
    expect(new Fields('a.csv', row({ At: '2025-02-04T07:08:05-03:00' })).timestamp('At')).toBe(
      '2025-02-04T10:08:05.000Z',
    );
  });
});

describe('parseCsv', () => {
  it('numbers rows by the line they start on, quoted newlines included, and reports short rows', () => {
    const issues: Issue[] = [];
    const csv = parseCsv('x.csv', 'A,B\n1,2\n"multi\nline",3\n4\n5,6\n', issues);
    expect(csv.rows.map((r) => [r.line, r.get('A'), r.get('B')])).toEqual([
      [2, '1', '2'],
      [3, 'multi\nline', '3'],
      [6, '5', '6'],
    ]);
    expect(issues).toEqual([
      { file: 'x.csv', line: 5, column: '', reason: 'has 1 fields, the header has 2', raw: '4' },
    ]);
  });

  it('makes an unbalanced quote one error for the file', () => {
    const issues: Issue[] = [];
    expect(parseCsv('x.csv', 'A,B\n"1,2\n', issues).rows).toEqual([]);
    expect(issues[0]!.reason).toMatch(/not a valid CSV/);
  });
});

describe('availability and small helpers', () => {
  it("parses the generator's weekly hours", () => {
    expect(parseAvailability('Mon-Tue 08:00-12:00 13:00-17:00; Sat 08:00-12:00')).toEqual([
      { weekday: 1, startTime: '08:00', endTime: '12:00' },
      { weekday: 2, startTime: '08:00', endTime: '12:00' },
      { weekday: 1, startTime: '13:00', endTime: '17:00' },
      { weekday: 2, startTime: '13:00', endTime: '17:00' },
      { weekday: 6, startTime: '08:00', endTime: '12:00' },
    ]);
    expect(parseAvailability('Tue,Thu 07:00-12:00')).toEqual([
      { weekday: 2, startTime: '07:00', endTime: '12:00' },
      { weekday: 4, startTime: '07:00', endTime: '12:00' },
    ]);
    expect(parseAvailability('Fri-Mon 08:00-12:00')).toBeUndefined();
    expect(parseAvailability('Mon 12:00-08:00')).toBeUndefined();
  });

  it('title-cases neighbourhoods and shifts dates by years', () => {
    expect(titleCase('JARDIM DA PENHA')).toBe('Jardim da Penha');
    expect(minusYears('2016-02-29', 1)).toBe('2015-02-28');
    expect(minusYears('2016-04-29', 62)).toBe('1954-04-29');
  });
});
