/**
 * Imports: which source row became which HealthSync row (idempotent re-imports, cross-source patient
 * links) and the run history with each run's report.
 */
import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { id } from './columns.ts';

export const IMPORT_FORMATS = ['healthsynth', 'noshow', 'synthea'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export const IMPORT_ENTITIES = ['clinic', 'doctor', 'patient', 'appointment', 'encounter', 'entry'] as const;
export type ImportEntity = (typeof IMPORT_ENTITIES)[number];

/**
 * One row per imported source record: `(source, entity, source_id)` → the HealthSync row it became (or,
 * for a matched patient, the existing patient it was linked to). A re-import finds its rows here and skips them.
 */
export const importSourceIds = pgTable(
  'import_source_ids',
  {
    source: text('source').notNull(),
    entity: text('entity', { enum: IMPORT_ENTITIES }).notNull(),
    sourceId: text('source_id').notNull(),
    targetId: uuid('target_id').notNull(),
    /** How a patient was linked: null when the row was created by this source, else the matching rule. */
    matchedBy: text('matched_by'),
    runId: uuid('run_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.source, t.entity, t.sourceId] }),
    check(
      'import_source_ids_entity_check',
      sql`${t.entity} in ('clinic', 'doctor', 'patient', 'appointment', 'encounter', 'entry')`,
    ),
  ],
);

/** Import runs: what was imported, from where, and the report (counts, repairs, rejects, matches). */
export const importRuns = pgTable(
  'import_runs',
  {
    id: id(),
    format: text('format', { enum: IMPORT_FORMATS }).notNull(),
    source: text('source').notNull(),
    path: text('path').notNull(),
    rows: integer('rows').notNull(),
    report: jsonb('report').notNull().$type<Record<string, unknown>>(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('import_runs_finished_idx').on(t.finishedAt),
    check('import_runs_format_check', sql`${t.format} in ('healthsynth', 'noshow', 'synthea')`),
  ],
);
