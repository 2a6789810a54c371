/**
 * Text → terms for symptom matching and the classifier, with wink-nlp (tokens and Porter stems;
 * docs/decisions). Accents and case are dropped; a short list of filler words goes (articles, pronouns,
 * auxiliaries, a few prepositions: not wink's full stop list, which also drops "back", "down", "myself"
 * and "well", words that carry meaning in symptoms); negations become `not` (so "can't breathe" stays
 * apart from "breathe"); every other word becomes its stem ("headaches" → "headach", "vomitting" → "vomit").
 */
import winkNLP, { type ItemToken } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

const nlp = winkNLP(model, []);
/* eslint-disable @typescript-eslint/unbound-method -- wink's `its` helpers are plain functions, made to be passed. */
const tokenType = nlp.its.type;
// wink-nlp's typings declare `its.stem` with an addons parameter `out()` does not accept; it works at run time.
const stem = nlp.its.stem as unknown as typeof nlp.its.value;
/* eslint-enable @typescript-eslint/unbound-method */
const NEGATIONS = new Set(['not', "n't", 'nt', 'no', 'never', 'cannot', 'without']);
const FILLER = new Set(
  (
    "a an the i i'm im me my mine you your we our he she his her it its they them their this that these those " +
    "am is are was were be been being 's 'm 're 've 'd 'll have has had having do does did ca can could would " +
    'will shall should may might must of in on at to for from with by and or but so as if than then also ' +
    'just really very quite bit little some since about'
  ).split(' '),
);
/** Longest text read: symptoms are a sentence or two, never a document. */
export const MAX_TEXT = 500;

export function normalize(text: string): string {
  return text
    .slice(0, MAX_TEXT)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2018\u2019`´]/g, "'")
    .replace(/[-_/]+/g, ' ');
}

/** The terms of a text, in order. */
export function terms(text: string): string[] {
  const out: string[] = [];
  const doc = nlp.readDoc(normalize(text));
  doc.tokens().each((t: ItemToken) => {
    const type = t.out(tokenType);
    if (type !== 'word' && type !== 'number') return;
    const value = t.out();
    if (NEGATIONS.has(value)) out.push('not');
    else if (!FILLER.has(value)) out.push(t.out(stem));
  });
  return out;
}
