import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RowBuffer, chunksToString } from './bytes.ts';
import { applyPercent, csvText, money } from './csv.ts';

const written = (write: (out: RowBuffer) => void, chunkBytes?: number): string => {
  const out = new RowBuffer(chunkBytes);
  write(out);
  return chunksToString(out.takeAll());
};

describe('row bytes', () => {
  it('writes whole numbers exactly as String() does', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (n) => {
        expect(written((out) => out.uint(n))).toBe(String(n));
      }),
    );
  });

  it('writes fixed-point decimals and zero-padded numbers', () => {
    expect(written((out) => out.decimal(-2_028_312, 5, 1e5))).toBe('-20.28312');
    expect(written((out) => out.decimal(5, 2, 100))).toBe('0.05');
    expect(written((out) => out.padded(42, 4))).toBe('0042');
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (cents) => {
        expect(written((out) => out.decimal(cents, 2, 100))).toBe(money(cents));
      }),
    );
  });

  it('keeps rows whole and in order across chunks, text in UTF-8', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `${i},Vitória — São Pedro,${'x'.repeat(i % 40)}\n`);
    const text = written((out) => {
      for (const row of rows) {
        out.row();
        out.text(row);
      }
    }, 16 * 1024);
    expect(text).toBe(rows.join(''));
  });
});

describe('csv fields and money', () => {
  it('quotes only fields that need it', () => {
    expect(csvText('Centro')).toBe('Centro');
    expect(csvText('Pain, unspecified')).toBe('"Pain, unspecified"');
    expect(csvText('say "hi"')).toBe('"say ""hi"""');
  });

  it('formats money from whole cents, exactly, with two places', () => {
    expect([money(0), money(5), money(12_000), money(123_456_789), money(-250)]).toEqual([
      '0.00',
      '0.05',
      '120.00',
      '1234567.89',
      '-2.50',
    ]);
    expect(() => money(1.5)).toThrow(RangeError);
  });

  it('applies a price index in whole cents, rounding half up', () => {
    expect(applyPercent(12_000, 115)).toBe(13_800);
    expect(applyPercent(1_005, 90)).toBe(905); // 904.5 rounds up
    expect(applyPercent(999, 100)).toBe(999);
  });
});
