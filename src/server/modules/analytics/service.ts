/**
 * Analytics and pipeline runs for the API. Reports are read from the published Parquet snapshots with an
 * in-memory DuckDB (never the warehouse file, which only the process running the pipeline opens).
 */
import { badRequest, notFound } from '../../../core/errors.ts';
import { getRun, listRunsWithSteps, type RunRow, type StepRow } from '../../../pipeline/runner/state.ts';
import { toCsv } from '../../../pipeline/warehouse/format.ts';
import { MARTS } from '../../../pipeline/warehouse/marts.ts';
import {
  readMart,
  readPointer,
  snapshotDates,
  type MartRows,
} from '../../../pipeline/warehouse/snapshots.ts';
import type { Db } from '../../db/client.ts';
import { ANALYTICS_REPORTS } from './schema.ts';

export const PIPELINE_RUN_JOB = 'pipeline.run';

const served = new Set<string>(ANALYTICS_REPORTS);

export function listReports(snapshotDir: string | undefined) {
  const latest = snapshotDir ? readPointer(snapshotDir) : undefined;
  return {
    items: MARTS.filter((m) => served.has(m.name)).map((m) => ({
      name: m.name as (typeof ANALYTICS_REPORTS)[number],
      description: m.description,
      dateColumn: m.dateColumn ?? null,
    })),
    latest: latest ? { date: latest.date, runId: latest.runId, publishedAt: latest.publishedAt } : null,
    dates: snapshotDir ? snapshotDates(snapshotDir) : [],
  };
}

export async function report(
  snapshotDir: string | undefined,
  name: string,
  query: {
    date?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
    limit?: number | undefined;
  },
): Promise<MartRows> {
  if (query.from && query.to && query.from > query.to)
    throw badRequest('analytics.invalid_range', '`from` must not be after `to`.');
  if (!snapshotDir) throw notFound('analytics.not_published', 'No pipeline run has published reports yet.');
  return readMart(snapshotDir, name, query);
}

export const reportCsv = (mart: MartRows): string => toCsv(mart.columns, mart.rows);

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function runView(run: RunRow & { steps: StepRow[] }) {
  return {
    id: run.id,
    date: run.runDate,
    source: run.source,
    trigger: run.trigger,
    status: run.status as 'pending' | 'running' | 'succeeded' | 'failed',
    error: run.error,
    createdAt: run.createdAt.toISOString(),
    startedAt: iso(run.startedAt),
    finishedAt: iso(run.finishedAt),
    steps: run.steps.map((s) => ({
      step: s.step,
      status: s.status as 'pending' | 'running' | 'succeeded' | 'failed',
      attempts: s.attempts,
      startedAt: iso(s.startedAt),
      finishedAt: iso(s.finishedAt),
      durationMs: s.durationMs,
      output: s.output,
      error: s.error,
      logs: s.logs,
    })),
  };
}

export async function runs(db: Db, limit: number) {
  return { items: (await listRunsWithSteps(db, limit)).map(runView) };
}

export async function run(db: Db, id: string) {
  return runView(await getRun(db, id));
}
