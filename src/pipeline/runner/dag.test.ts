/** The step graph and the date helpers behind --from/--to back-fills and the schedule's "today". */
import { describe, expect, it } from 'vitest';
import { readySteps, STEP_NAMES, type StepName } from './dag.ts';
import { dateRange, todayIn } from './index.ts';

const statuses = (done: readonly StepName[], failed: readonly StepName[] = []) =>
  Object.fromEntries(
    STEP_NAMES.map((s) => [s, done.includes(s) ? 'succeeded' : failed.includes(s) ? 'failed' : 'pending']),
  ) as Record<StepName, string>;

describe('readySteps', () => {
  it('starts a step only when all its upstream steps succeeded', () => {
    expect(readySteps(statuses([]))).toEqual(['extract']);
    expect(readySteps(statuses(['extract', 'stage']))).toEqual(['load']);
    expect(readySteps(statuses(['extract', 'stage', 'load', 'transform', 'report', 'notify']))).toEqual([
      'retain',
    ]);
  });

  it('offers a failed step again (resume) but nothing behind it', () => {
    expect(readySteps(statuses(['extract', 'stage'], ['load']))).toEqual(['load']);
    expect(readySteps(statuses([...STEP_NAMES]))).toEqual([]);
  });
});

describe('dateRange', () => {
  it('lists every date from --from to --to, across a month end', () => {
    expect(dateRange('2026-01-30', '2026-02-02')).toEqual([
      '2026-01-30',
      '2026-01-31',
      '2026-02-01',
      '2026-02-02',
    ]);
    expect(dateRange('2026-03-01', '2026-03-01')).toEqual(['2026-03-01']);
  });

  it('refuses a reversed, too long or malformed range, naming the flag', () => {
    expect(() => dateRange('2026-02-02', '2026-02-01')).toThrow(/--from must not be after --to/);
    expect(() => dateRange('2024-01-01', '2026-01-01')).toThrow(/at most 366 days/);
    expect(() => dateRange('2026-02-30', '2026-03-01')).toThrow(/--from/);
  });
});

describe('todayIn', () => {
  it("is the calendar date in the pipeline's zone", () => {
    const instant = new Date('2026-01-01T02:00:00Z');
    expect(todayIn('America/Sao_Paulo', instant)).toBe('2025-12-31');
    expect(todayIn('UTC', instant)).toBe('2026-01-01');
  });
});
