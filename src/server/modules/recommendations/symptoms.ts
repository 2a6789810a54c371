/**
 * The curated, versioned symptom map (symptom-map.json): phrases → specialties, and the emergency red
 * flags. Phrases are compiled once into term sequences (text.ts) and found as contiguous runs in the
 * text's terms; a run right after a negation ("no chest pain") does not count.
 */
import map from './symptom-map.json' with { type: 'json' };
import phrasingsFile from './phrasings.json' with { type: 'json' };
import { terms } from './text.ts';

export const MAP_VERSION: string = map.version;
export const EMERGENCY = map.emergency;

interface Phrase {
  text: string;
  terms: string[];
}

const compile = (text: string): Phrase => ({ text, terms: terms(text) });
/** A phrase needs a word besides `not`; phrases that compile to the same terms count once. */
const compileAll = (list: string[]) => {
  const seen = new Set<string>();
  return list.map(compile).filter((p) => {
    const key = p.terms.join(' ');
    if (!p.terms.some((w) => w !== 'not') || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

const SPECIALTY_PHRASES: { specialty: string; phrases: Phrase[] }[] = Object.entries(map.specialties).map(
  ([specialty, list]) => ({ specialty, phrases: compileAll(list) }),
);
export const MAPPED_SPECIALTIES: string[] = SPECIALTY_PHRASES.map((s) => s.specialty);

interface RedFlag {
  id: string;
  reason: string;
  /** Every group needs a match. */
  groups: Phrase[][];
}

/** In the map a red flag lists `any` (one phrase raises it) or `all` (a phrase of every group). */
type RedFlagEntry = { id: string; reason: string; any?: string[]; all?: string[][] };

const RED_FLAGS: RedFlag[] = (map.redFlags as RedFlagEntry[]).map((f) => ({
  id: f.id,
  reason: f.reason,
  groups: f.all ? f.all.map(compileAll) : [compileAll(f.any ?? [])],
}));

/** Where `phrase` occurs in `t` as a run not directly negated. */
function occurs(t: string[], phrase: string[]): boolean {
  const n = phrase.length;
  for (let i = 0; i + n <= t.length; i++) {
    let k = 0;
    while (k < n && t[i + k] === phrase[k]) k++;
    if (k === n && !(i > 0 && t[i - 1] === 'not' && phrase[0] !== 'not')) return true;
  }
  return false;
}

export interface MappedSpecialty {
  specialty: string;
  /** Sum of matched phrases' lengths in terms: longer phrases are more specific. */
  weight: number;
  matched: string[];
}

/** Specialties whose phrases occur in the terms, with the phrases (as written in the map) that did. */
export function mapSymptoms(t: string[]): MappedSpecialty[] {
  const hits = SPECIALTY_PHRASES.map(({ specialty, phrases }) => ({
    specialty,
    hits: phrases.filter((p) => occurs(t, p.terms)),
  }));
  const all = hits.flatMap((h) => h.hits);
  // The most specific reading wins: a phrase inside a longer matched one ("short of breath" inside
  // "short of breath when walking"), of any specialty, does not count.
  const inLonger = (p: Phrase) =>
    all.some((q) => q.terms.length > p.terms.length && occurs(q.terms, p.terms));
  const out: MappedSpecialty[] = [];
  for (const { specialty, hits: found } of hits) {
    const kept = found.filter((p) => !inLonger(p));
    if (kept.length === 0) continue;
    out.push({
      specialty,
      weight: kept.reduce((a, p) => a + p.terms.length, 0),
      matched: kept.map((p) => p.text),
    });
  }
  return out;
}

export interface RedFlagHit {
  id: string;
  reason: string;
  matched: string[];
}

/** Every red flag the terms raise, with the phrases that raised it. */
export function redFlags(t: string[]): RedFlagHit[] {
  const out: RedFlagHit[] = [];
  for (const f of RED_FLAGS) {
    const matched = f.groups.map((g) => g.filter((p) => occurs(t, p.terms)).map((p) => p.text));
    if (matched.every((m) => m.length > 0))
      out.push({ id: f.id, reason: f.reason, matched: [...new Set(matched.flat())] });
  }
  return out;
}

/** The curated evaluation phrasings (phrasings.json): plain language → the specialty to book. */
export const PHRASINGS: { reason: string; specialty: string }[] = phrasingsFile.cases.map(
  ([reason, specialty]) => ({
    reason: reason!,
    specialty: specialty!,
  }),
);
