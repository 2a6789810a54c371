/**
 * The evaluation floor: a history like the platform's (synthetic.ts: the reasons the generator and demo
 * data give, by the specialty that saw them, with uneven demand), split 80/20; top-1 and top-3 accuracy on the held-out
 * visits, and on plain-language phrasings the classifier never saw, must stay above these floors.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, understand } from './rules.ts';
import { train } from './classifier.ts';
import { PHRASINGS } from './symptoms.ts';
import { syntheticHistory } from './synthetic.ts';

const history = syntheticHistory;

describe('discovery evaluation', () => {
  const result = evaluate(history(3000, 7), { phrasings: PHRASINGS });

  it('keeps top-1 and top-3 specialty accuracy above the floor on held-out visits', () => {
    expect(result).toMatchObject({ train: 2400, test: 600 });
    expect(result.top1).toBeGreaterThanOrEqual(0.95);
    expect(result.top3).toBeGreaterThanOrEqual(0.99);
    expect(result.historyOnly.top1).toBeGreaterThanOrEqual(0.9);
  });

  it('understands plain-language phrasings it never trained on', () => {
    expect(result.phrasings.cases).toBeGreaterThanOrEqual(40);
    expect(result.phrasings.top1).toBeGreaterThanOrEqual(0.8);
    expect(result.phrasings.top3).toBeGreaterThanOrEqual(0.9);
  });

  it('falls back to a general practitioner for words it does not know, with low confidence', () => {
    const u = understand('zxqv blorp', train(history(500, 3)));
    expect(u).toMatchObject({ unrecognised: true, redFlags: [] });
    expect(u.suggestions).toEqual([
      { specialty: 'General Practice', confidence: 0.25, matched: [], fromHistory: 0 },
    ]);
  });
});
