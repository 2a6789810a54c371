/**
 * Pure rules of discovery: symptoms → specialties (curated map + history classifier), distance, and the
 * ranking score (docs/decisions/0011-discovery.md):
 *
 *   score = 0.45·fit + 0.25·near + 0.15·rating + 0.15·soon, each part in [0, 1]
 *   fit    = the confidence of the doctor's specialty for these symptoms
 *   near   = 1 / (1 + d / 3 km), d the haversine distance to the clinic (0 when no place was given)
 *   rating = (Bayesian-adjusted average − 1) / 4, the ratings module's score (prior 3, weight 5)
 *   soon   = 1 / (1 + h / 48), h the hours until the doctor's next free slot (0 when none in 14 days)
 *
 * Ties: nearer, then sooner, then by doctor code.
 */
import type { Classifier, Example } from './classifier.ts';
import { train } from './classifier.ts';
import { mapSymptoms, redFlags, type RedFlagHit } from './symptoms.ts';
import { terms } from './text.ts';

export const WEIGHTS = { fit: 0.45, near: 0.25, rating: 0.15, soon: 0.15 } as const;
export const NEAR_KM = 3;
export const SOON_HOURS = 48;
const MAP_SHARE = 0.6;
const MAX_SUGGESTIONS = 3;
const MIN_CONFIDENCE = 0.1;
export const FALLBACK_SPECIALTY = 'General Practice';

export interface Suggestion {
  specialty: string;
  confidence: number;
  /** Phrases of the curated map found in the text. */
  matched: string[];
  /** The history classifier's share for this specialty (0 when it knew none of the words). */
  fromHistory: number;
}

export interface Understanding {
  redFlags: RedFlagHit[];
  suggestions: Suggestion[];
  /** Nothing in the text was recognised: the suggestion is a general practitioner. */
  unrecognised: boolean;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Reads the symptoms: red flags first, then specialties with a confidence each and why. */
export function understand(text: string, classifier: Classifier | undefined): Understanding {
  const t = terms(text);
  const mapped = mapSymptoms(t);
  const predicted = classifier?.predict(t) ?? [];
  const mapTotal = mapped.reduce((a, m) => a + m.weight, 0);
  const coverage = t.length > 0 && classifier ? classifier.known(t).length / t.length : 0;
  const names = new Set([...mapped.map((m) => m.specialty), ...predicted.map((p) => p.specialty)]);
  const all = [...names].map((specialty) => {
    const m = mapped.find((x) => x.specialty === specialty);
    const h = predicted.find((x) => x.specialty === specialty)?.p ?? 0;
    const fromMap = m ? m.weight / mapTotal : 0;
    const confidence =
      mapTotal > 0
        ? predicted.length > 0
          ? MAP_SHARE * fromMap + (1 - MAP_SHARE) * h
          : fromMap
        : h * coverage;
    return { specialty, confidence: round3(confidence), matched: m?.matched ?? [], fromHistory: round3(h) };
  });
  all.sort((a, b) => b.confidence - a.confidence || a.specialty.localeCompare(b.specialty));
  const suggestions = all
    .filter((s, i) => i === 0 || s.confidence >= MIN_CONFIDENCE)
    .slice(0, MAX_SUGGESTIONS);
  const unrecognised = suggestions.length === 0 || suggestions[0]!.confidence === 0;
  return {
    redFlags: redFlags(t),
    unrecognised,
    suggestions: unrecognised
      ? [{ specialty: FALLBACK_SPECIALTY, confidence: 0.25, matched: [], fromHistory: 0 }]
      : suggestions,
  };
}

const EARTH_KM = 6371.0088;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in km (haversine, mean Earth radius). */
export function haversineKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface Candidate {
  doctorId: string;
  code: string;
  specialty: string;
  fit: number;
  distanceKm: number | null;
  rating: number;
  /** fit, near and rating parts: the score without `soon`. */
  partial: number;
}

export interface DirectoryDoctor {
  id: string;
  code: string;
  specialty: string;
  lat: number | null;
  lon: number | null;
  /** Bayesian-adjusted average, 1–5. */
  rating: number;
}

/** Doctors of the suggested specialties within the radius, best partial score first. */
export function candidates(
  directory: readonly DirectoryDoctor[],
  suggestions: readonly Suggestion[],
  origin: { lat: number; lon: number } | undefined,
  radiusKm: number,
): Candidate[] {
  const fitOf = new Map(suggestions.map((s) => [s.specialty, s.confidence]));
  const out: Candidate[] = [];
  for (const d of directory) {
    const fit = fitOf.get(d.specialty);
    if (fit === undefined) continue;
    let distanceKm: number | null = null;
    if (origin) {
      if (d.lat === null || d.lon === null) continue;
      distanceKm = haversineKm(origin, { lat: d.lat, lon: d.lon });
      if (distanceKm > radiusKm) continue;
    }
    const near = distanceKm === null ? 0 : 1 / (1 + distanceKm / NEAR_KM);
    const partial = WEIGHTS.fit * fit + WEIGHTS.near * near + WEIGHTS.rating * ((d.rating - 1) / 4);
    out.push({
      doctorId: d.id,
      code: d.code,
      specialty: d.specialty,
      fit,
      distanceKm,
      rating: d.rating,
      partial,
    });
  }
  return out.sort((a, b) => b.partial - a.partial || a.code.localeCompare(b.code));
}

/** The `soon` part for a next free slot `start` (ms), seen at `now`. */
export function soonness(start: number | undefined, now: number): number {
  if (start === undefined) return 0;
  return 1 / (1 + Math.max(0, start - now) / 3_600_000 / SOON_HOURS);
}

export interface Ranked extends Candidate {
  score: number;
  nextSlot: number | undefined;
}

export function finalScore(c: Candidate, nextSlot: number | undefined, now: number): Ranked {
  return { ...c, nextSlot, score: c.partial + WEIGHTS.soon * soonness(nextSlot, now) };
}

/** Best first: score, then nearer, then sooner, then code. */
export function byScore(a: Ranked, b: Ranked): number {
  return (
    b.score - a.score ||
    (a.distanceKm ?? 0) - (b.distanceKm ?? 0) ||
    (a.nextSlot ?? Infinity) - (b.nextSlot ?? Infinity) ||
    a.code.localeCompare(b.code)
  );
}

/** Seeded shuffle (mulberry32 + Fisher–Yates), so an evaluation split is the same every run. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let s = seed >>> 0;
  const rnd = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export interface Evaluation {
  train: number;
  test: number;
  top1: number;
  top3: number;
  /** The classifier alone, without the curated map. */
  historyOnly: { top1: number; top3: number };
  /** Plain-language phrasings (phrasings.json) never seen in training, with the same classifier. */
  phrasings: { cases: number; top1: number; top3: number };
}

function accuracy(cases: readonly Example[], predict: (text: string) => string[]) {
  let [top1, top3] = [0, 0];
  for (const e of cases) {
    const got = predict(e.reason);
    if (got[0] === e.specialty) top1++;
    if (got.slice(0, 3).includes(e.specialty)) top3++;
  }
  const share = (n: number) => (cases.length > 0 ? round3(n / cases.length) : 0);
  return { top1: share(top1), top3: share(top3) };
}

/** Top-1 and top-3 specialty accuracy on a held-out share of the history (the rest trains). */
export function evaluate(
  history: readonly Example[],
  opts: { seed?: number; testShare?: number; phrasings?: readonly Example[] } = {},
): Evaluation {
  const all = shuffled(history, opts.seed ?? 42);
  const cut = Math.round(all.length * (1 - (opts.testShare ?? 0.2)));
  const [trainSet, testSet] = [all.slice(0, cut), all.slice(cut)];
  const classifier = train(trainSet);
  const combined = (text: string) => understand(text, classifier).suggestions.map((s) => s.specialty);
  const alone = (text: string) => (classifier?.predict(terms(text)) ?? []).map((p) => p.specialty);
  const phrasings = opts.phrasings ?? [];
  return {
    train: trainSet.length,
    test: testSet.length,
    ...accuracy(testSet, combined),
    historyOnly: accuracy(testSet, alone),
    phrasings: { cases: phrasings.length, ...accuracy(phrasings, combined) },
  };
}
