/** Pure rules of ICD-10-CM codes and code-list search. */

/** A stored code: no dot, upper case, a letter then 2–6 letters or digits (`E119`, `QA00101`). */
const STORED_RE = /^[A-Z][0-9A-Z]{2,6}$/;

/** `e11.9` → `E119`; undefined when it cannot be an ICD-10-CM code (a dot may only follow the category). */
export function normalizeCode(input: string): string | undefined {
  const upper = input.trim().toUpperCase();
  const dot = upper.indexOf('.');
  if (dot !== -1 && dot !== 3) return undefined;
  const code = upper.replace('.', '');
  return STORED_RE.test(code) ? code : undefined;
}

/** `E119` → `E11.9`: the dot follows the three-character category. */
export function formatCode(code: string): string {
  return code.length > 3 ? `${code.slice(0, 3)}.${code.slice(3)}` : code;
}

export type Search = { kind: 'code'; prefix: string } | { kind: 'words'; query: string };

/** A category-like start: a letter, then a digit (or, for the Q chapter's new codes, a letter and a digit). */
const CODE_PREFIX_RE = /^(?:[A-Z]|[A-Z][0-9][0-9A-Z]{0,5}|[A-Z]{2}[0-9][0-9A-Z]{0,4})$/;
const MAX_TERMS = 6;

/**
 * What a search box string means: a code prefix (`E11`, `e11.9`, `S72.0`) or words matched as
 * prefixes in the description (`diab mell` finds "diabetes mellitus"). Words keep only letters and
 * digits (accents removed), so the text-search query built from them cannot carry operators.
 */
export function parseSearch(q: string): Search | undefined {
  const compact = q.trim().toUpperCase().replace('.', '');
  if (CODE_PREFIX_RE.test(compact)) return { kind: 'code', prefix: compact };
  const terms = q
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t.length > 0)
    .slice(0, MAX_TERMS)
    .map((t) => `${t.slice(0, 40)}:*`);
  return terms.length > 0 ? { kind: 'words', query: terms.join(' & ') } : undefined;
}
