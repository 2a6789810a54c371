/** Analytics (the pipeline's published marts) and pipeline run contracts, shared with the web app. */
import { z } from 'zod';

const day = z.iso.date();

/** The marts served over HTTP: aggregates only (per-patient marts stay in the warehouse). */
export const ANALYTICS_REPORTS = [
  'monthly_aggregates',
  'doctor_performance',
  'conditions_per_month',
  'conditions_by_specialty',
  'appointments_per_doctor_day',
  'appointments_per_patient',
  'billing_per_patient_doctor',
  'no_show_by_lead_time',
  'no_show_by_age_band',
  'no_show_by_neighbourhood',
] as const;

export const analyticsParams = z.object({ name: z.enum(ANALYTICS_REPORTS) });

export const analyticsQuery = z.object({
  date: day.optional().describe('The pipeline run date whose report to read (default: the newest).'),
  from: day
    .optional()
    .describe('First month (its first day) or day to include, for reports by month or day.'),
  to: day.optional().describe('Last month or day to include.'),
  format: z.enum(['json', 'csv']).optional().describe('csv: text/csv (also chosen by `Accept: text/csv`).'),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(10_000)
    .describe('Rows at most (in the report order).'),
});

export const martResult = z
  .object({
    mart: z.string(),
    runId: z.string(),
    date: day.describe('The run date the report was computed for.'),
    columns: z.array(z.string()),
    truncated: z.boolean().describe('True when more rows matched than `limit`.'),
    rows: z
      .array(z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])))
      .describe('Counts are numbers; money and rates are exact decimal strings; dates are YYYY-MM-DD.'),
  })
  .meta({ id: 'AnalyticsReport' });

export const reportList = z
  .object({
    items: z.array(
      z.object({
        name: z.enum(ANALYTICS_REPORTS),
        description: z.string(),
        dateColumn: z.string().nullable(),
      }),
    ),
    latest: z.object({ date: day, runId: z.string(), publishedAt: z.string() }).nullable(),
    dates: z.array(day).describe('Run dates with published reports, newest first.'),
  })
  .meta({ id: 'AnalyticsReportList' });

export const STEP_STATUSES = ['pending', 'running', 'succeeded', 'failed'] as const;

export const pipelineRun = z
  .object({
    id: z.uuid(),
    date: day,
    source: z.string(),
    trigger: z.string(),
    status: z.enum(STEP_STATUSES),
    error: z.string().nullable(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'PipelineRun' });

export const pipelineStep = z.object({
  step: z.string(),
  status: z.enum(STEP_STATUSES),
  attempts: z.number().int(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  output: z.record(z.string(), z.unknown()).nullable().describe('Row counts, object keys, tests passed.'),
  error: z.string().nullable(),
  logs: z.array(z.string()),
});

export const pipelineRunDetail = pipelineRun
  .extend({ steps: z.array(pipelineStep) })
  .meta({ id: 'PipelineRunDetail' });

export const pipelineRunList = z
  .object({ items: z.array(pipelineRunDetail) })
  .meta({ id: 'PipelineRunList' });

export const pipelineRunsQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(20) });

export const pipelineRunParams = z.object({ id: z.uuid() });

export const PIPELINE_SOURCES = ['synthetic', 'platform'] as const;

/** An admin's request to run (or re-run) the pipeline for a date; `{}` runs today. */
export const pipelineRunRequest = z
  .object({
    date: day
      .optional()
      .describe('The run date (default: today in the pipeline time zone); not after today.'),
    source: z
      .enum(PIPELINE_SOURCES)
      .optional()
      .describe('Where the day’s data comes from (default: the configured source).'),
  })
  .meta({ id: 'PipelineRunRequest' });

/** What was queued: the worker runs it; follow it in GET /pipeline/runs/{runId} (pending until it starts). */
export const pipelineRunQueued = z
  .object({
    jobId: z.string().describe('The queued job that runs the run.'),
    runId: z.uuid().describe('The run, created `pending`; the worker runs exactly this run.'),
    date: day,
    source: z.enum(PIPELINE_SOURCES),
    queuedAt: z.iso.datetime(),
  })
  .meta({ id: 'PipelineRunQueued' });
