/**
 * The history classifier: multinomial naive Bayes (wink-naive-bayes-text-classifier, add-one smoothing)
 * over the terms of appointment reasons, labelled with the specialty of the doctor who saw the patient.
 * It learns the platform's own words for things; the curated map (symptoms.ts) covers what it never saw.
 */
import createClassifier from 'wink-naive-bayes-text-classifier';
import { terms } from './text.ts';

export interface Example {
  reason: string;
  specialty: string;
}

export interface Prediction {
  specialty: string;
  /** Posterior share among the specialties (sums to 1). */
  p: number;
}

export interface Classifier {
  /** Specialties best first; [] when none of the terms was ever seen in the history. */
  predict(t: string[]): Prediction[];
  /** The terms the history knows. */
  known(t: string[]): string[];
  examples: number;
}

/** Trains on the history; undefined when it is too small to learn from (fewer than 2 specialties or 10 words). */
export function train(history: Example[]): Classifier | undefined {
  const nb = createClassifier();
  nb.defineConfig({ considerOnlyPresence: true, smoothingFactor: 0.5 });
  const vocabulary = new Set<string>();
  const labels = new Set<string>();
  let examples = 0;
  for (const e of history) {
    const t = terms(e.reason);
    if (t.length === 0) continue;
    nb.learn(t, e.specialty);
    for (const w of t) vocabulary.add(w);
    labels.add(e.specialty);
    examples++;
  }
  if (labels.size < 2 || vocabulary.size < 10) return undefined;
  nb.consolidate();
  const known = (t: string[]) => t.filter((w) => vocabulary.has(w));
  return {
    examples,
    known,
    predict(t) {
      const k = known(t);
      if (k.length === 0) return [];
      // log2 odds → P(label) / (1 − P(label)) → P(label), then shared out so they sum to 1.
      const raw = nb.computeOdds(k).map(([specialty, odds]) => ({ specialty, p: 1 / (1 + 2 ** -odds) }));
      const total = raw.reduce((a, r) => a + r.p, 0);
      return total > 0 ? raw.map((r) => ({ specialty: r.specialty, p: r.p / total })) : [];
    },
  };
}
