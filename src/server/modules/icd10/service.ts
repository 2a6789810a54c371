import { notFound } from '../../../core/errors.ts';
import type { Db, Tx } from '../../db/client.ts';
import * as repo from './repo.ts';
import { formatCode, normalizeCode, parseSearch } from './rules.ts';
import type { Icd10SearchQuery } from './schema.ts';

const toItem = (r: { code: string; description: string }) => ({
  code: formatCode(r.code),
  description: r.description,
});

/** Code prefixes list in code order; words rank by how well the description matches, then shortest code. */
export async function search(db: Db, query: Icd10SearchQuery) {
  const parsed = query.q === undefined ? { kind: 'code' as const, prefix: '' } : parseSearch(query.q);
  if (!parsed) return { items: [] };
  const rows =
    parsed.kind === 'code'
      ? await repo.byPrefix(db, parsed.prefix, query.limit)
      : await repo.byWords(db, parsed.query, query.limit);
  return { items: rows.map(toItem) };
}

export async function getCode(db: Db, input: string) {
  const code = normalizeCode(input);
  const found = code ? await repo.descriptionsOf(db, [code]) : new Map<string, string>();
  const description = code ? found.get(code) : undefined;
  if (!code || description === undefined)
    throw notFound('icd10.not_found', 'No ICD-10-CM FY2026 code is written like this.');
  return toItem({ code, description });
}

/** Official descriptions of the codes that exist, keyed by stored (dotless) code; unknown codes are absent. */
export function describeCodes(db: Db | Tx, codes: string[]): Promise<Map<string, string>> {
  return repo.descriptionsOf(db, [...new Set(codes)]);
}
