import { asc, desc, inArray, like, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { icd10Codes } from '../../db/schema/index.ts';

const columns = { code: icd10Codes.code, description: icd10Codes.description };

/** The prefix has passed `parseSearch`: letters and digits only, so it needs no LIKE escaping. */
export function byPrefix(db: Db, prefix: string, limit: number) {
  return db
    .select(columns)
    .from(icd10Codes)
    .where(like(icd10Codes.code, `${prefix}%`))
    .orderBy(asc(icd10Codes.code))
    .limit(limit);
}

/** Same expression as the GIN index `icd10_codes_words_idx`, so the index serves the match. */
const words = sql`to_tsvector('simple', ${icd10Codes.description})`;

export function byWords(db: Db, query: string, limit: number) {
  const tsquery = sql`to_tsquery('simple', ${query})`;
  return db
    .select(columns)
    .from(icd10Codes)
    .where(sql`${words} @@ ${tsquery}`)
    .orderBy(desc(sql`ts_rank(${words}, ${tsquery})`), sql`length(${icd10Codes.code})`, asc(icd10Codes.code))
    .limit(limit);
}

export async function descriptionsOf(db: Db | Tx, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db.select(columns).from(icd10Codes).where(inArray(icd10Codes.code, codes));
  return new Map(rows.map((r) => [r.code, r.description]));
}
