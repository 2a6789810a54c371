import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.ts';

/**
 * Health Synth pipeline runs (one per date, source and trigger) and the state of each of their steps, so a
 * run that died can be resumed from its first unfinished step. `leaseUntil` marks a run being worked on:
 * another process takes a `running` run over only once the lease has expired (its owner died). At most one
 * run of a date is `pending` or `running` at a time (the partial unique index): two requests to run a date
 * cannot both queue one.
 */
export const pipelineRuns = pgTable(
  'pipeline_runs',
  {
    id: id(),
    runDate: date('run_date', { mode: 'string' }).notNull(),
    source: text('source').notNull(),
    trigger: text('trigger').notNull(),
    status: text('status').notNull().default('pending'),
    error: text('error'),
    owner: text('owner'),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    createdAt: createdAt(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('pipeline_runs_recent_idx').on(t.createdAt, t.id),
    index('pipeline_runs_status_idx').on(t.status),
    uniqueIndex('pipeline_runs_one_active_per_date')
      .on(t.runDate)
      .where(sql`${t.status} in ('pending', 'running')`),
    check('pipeline_runs_status_check', sql`${t.status} in ('pending', 'running', 'succeeded', 'failed')`),
    check('pipeline_runs_source_check', sql`${t.source} in ('synthetic', 'platform')`),
  ],
);

export const pipelineSteps = pgTable(
  'pipeline_steps',
  {
    runId: uuid('run_id')
      .notNull()
      .references(() => pipelineRuns.id, { onDelete: 'cascade' }),
    step: text('step').notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    durationMs: integer('duration_ms'),
    /** What the step produced (row counts, object keys, file paths): later steps read it on resume. */
    output: jsonb('output').$type<Record<string, unknown>>(),
    error: text('error'),
    /** Short log lines (no patient data). */
    logs: jsonb('logs').$type<string[]>().notNull().default([]),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.step] }),
    check('pipeline_steps_status_check', sql`${t.status} in ('pending', 'running', 'succeeded', 'failed')`),
  ],
);
