/**
 * A synthetic visit history for evaluating discovery where no real one exists yet: the reasons patients
 * give in the Health Synth generator (and so the demo data), by the specialty that saw them, with uneven
 * demand (general practice the most). Seeded: the same seed gives the same history.
 */
import { REASONS } from '../../../pipeline/generate/diagnoses.ts';
import type { Example } from './classifier.ts';

export function syntheticHistory(n: number, seed = 7): Example[] {
  let s = seed % 2147483647 || 1;
  const next = () => (s = (s * 48271) % 2147483647) / 2147483647;
  const specialties = Object.entries(REASONS).map(
    ([name, reasons]) => [name, reasons.map((r) => r.text)] as const,
  );
  const weights = specialties.map(([name], i) => (name === 'General Practice' ? 6 : 1 + (i % 3)));
  const total = weights.reduce((a, b) => a + b, 0);
  return Array.from({ length: n }, () => {
    let r = next() * total;
    const i = weights.findIndex((w) => (r -= w) < 0);
    const [specialty, reasons] = specialties[i === -1 ? 0 : i]!;
    return { reason: reasons[Math.floor(next() * reasons.length)]!, specialty };
  });
}
