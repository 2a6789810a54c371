import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The ICD-10-CM diagnosis code list (FY2026, 74,719 billable codes; public domain), loaded from
 * src/server/db/icd10/ after the migrations. Codes are stored without the dot (`E119`) and shown with it.
 */
export const icd10Codes = pgTable(
  'icd10_codes',
  {
    code: text('code').primaryKey(),
    description: text('description').notNull(),
  },
  (t) => [
    // Prefix search (`E11%`) needs pattern ops: the primary key's collation-aware order cannot serve LIKE.
    index('icd10_codes_prefix_idx').on(t.code.op('text_pattern_ops')),
    index('icd10_codes_words_idx').using('gin', sql`to_tsvector('simple', ${t.description})`),
    check('icd10_codes_code_check', sql`${t.code} ~ '^[A-Z][0-9A-Z]{2,6}$'`),
  ],
);

/** Which bundled reference list is loaded, at which version: the loader runs once per version. */
export const referenceData = pgTable('reference_data', {
  name: text('name').primaryKey(),
  version: text('version').notNull(),
  rows: integer('rows').notNull(),
  loadedAt: timestamp('loaded_at', { withTimezone: true }).notNull().defaultNow(),
});
