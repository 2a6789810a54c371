/**
 * Loads the bundled ICD-10-CM code list (see SOURCE.md here) into `icd10_codes`, once per version: a
 * `reference_data` row records what is loaded, so later starts cost one lookup. 74,719 rows go in as
 * a few `unnest` inserts of arrays (two parameters each), which is fast on PGlite and PostgreSQL alike.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../client.ts';
import { referenceData } from '../schema/index.ts';

export const ICD10_FILE = join(import.meta.dirname, 'icd10cm_2026.txt.gz');
export const ICD10_NAME = 'icd10cm';
export const ICD10_VERSION = 'FY2026';

/** Rows per INSERT: each statement carries two array parameters, whatever the batch size. */
const BATCH_ROWS = 20_000;
/** Serializes concurrent first starts on one PostgreSQL server (any constant; this spells "icd"). */
const LOAD_LOCK_KEY = 0x696364;

export interface Icd10List {
  codes: string[];
  descriptions: string[];
}

/** The CMS layout: code in columns 1–7 (space-padded), a space, then the long description. */
export function parseIcd10(text: string): Icd10List {
  const codes: string[] = [];
  const descriptions: string[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    codes.push(line.slice(0, 7).trimEnd());
    descriptions.push(line.slice(8).trim());
  }
  return { codes, descriptions };
}

export function readIcd10File(path = ICD10_FILE): Icd10List {
  return parseIcd10(gunzipSync(readFileSync(path)).toString('utf8'));
}

async function loadedVersion(db: Db | Tx): Promise<string | undefined> {
  const [row] = await db
    .select({ version: referenceData.version })
    .from(referenceData)
    .where(eq(referenceData.name, ICD10_NAME));
  return row?.version;
}

/**
 * Loads or updates the code list unless this version is already in. Codes a newer list drops stay in the
 * table: diagnoses recorded with them must keep their reference.
 */
export async function loadIcd10(
  db: Db,
  version = ICD10_VERSION,
  read: () => Icd10List = readIcd10File,
): Promise<{ loaded: boolean; rows: number }> {
  if ((await loadedVersion(db)) === version) return { loaded: false, rows: 0 };
  const list = read();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${LOAD_LOCK_KEY})`);
    if ((await loadedVersion(tx)) === version) return { loaded: false, rows: 0 };
    for (let i = 0; i < list.codes.length; i += BATCH_ROWS) {
      const codes = sql.param(list.codes.slice(i, i + BATCH_ROWS));
      const descriptions = sql.param(list.descriptions.slice(i, i + BATCH_ROWS));
      await tx.execute(
        sql`insert into icd10_codes (code, description)
            select * from unnest(${codes}::text[], ${descriptions}::text[])
            on conflict (code) do update set description = excluded.description`,
      );
    }
    const row = { name: ICD10_NAME, version, rows: list.codes.length, loadedAt: new Date() };
    await tx.insert(referenceData).values(row).onConflictDoUpdate({ target: referenceData.name, set: row });
    return { loaded: true, rows: list.codes.length };
  });
}
