import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.ts';
import type { Jobs } from '../../jobs/index.ts';
import { problemResponses } from '../../http/openapi.ts';
import {
  analyticsParams,
  analyticsQuery,
  martResult,
  pipelineRunDetail,
  pipelineRunList,
  pipelineRunParams,
  pipelineRunQueued,
  pipelineRunRequest,
  pipelineRunsQuery,
  reportList,
} from './schema.ts';
import { queueRun, type QueueDeps } from './queue.ts';
import * as service from './service.ts';

export interface AnalyticsRouteDeps {
  db: Db;
  /** Where the pipeline publishes its Parquet snapshots; undefined: no pipeline configured (nothing published). */
  snapshotDir: string | undefined;
  /** Where an admin's run request is queued for the worker. */
  jobs: Pick<Jobs, 'send'>;
  /** The pipeline's zone (what "today" is) and default source; undefined: no pipeline configured. */
  pipeline: QueueDeps['pipeline'];
}

const admins = { access: { roles: ['admin' as const] } };

export const analyticsRoutes: FastifyPluginAsyncZod<AnalyticsRouteDeps> = async (app, deps) => {
  app.get(
    '/analytics',
    {
      config: admins,
      schema: {
        tags: ['analytics'],
        summary: 'The reports the pipeline publishes, and the run dates they exist for',
        response: { 200: reportList, ...problemResponses(401, 403) },
      },
    },
    () => service.listReports(deps.snapshotDir),
  );
  app.get(
    '/analytics/:name',
    {
      config: admins,
      schema: {
        tags: ['analytics'],
        summary: 'One report (aggregates only), as JSON or CSV (`?format=csv` or `Accept: text/csv`)',
        params: analyticsParams,
        querystring: analyticsQuery,
        response: { 200: martResult, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const mart = await service.report(deps.snapshotDir, request.params.name, request.query);
      const csv =
        request.query.format === 'csv' ||
        (!request.query.format && request.headers.accept?.startsWith('text/csv'));
      if (!csv) return mart;
      return (
        reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${mart.mart}-${mart.date}.csv"`)
          // A string body is sent as it is (the JSON serializer applies to objects only).
          .send(service.reportCsv(mart) as unknown as typeof mart)
      );
    },
  );
  app.get(
    '/pipeline/runs',
    {
      config: admins,
      schema: {
        tags: ['pipeline'],
        summary: 'Recent pipeline runs, newest first, with their steps, timings, row counts, errors and logs',
        querystring: pipelineRunsQuery,
        response: { 200: pipelineRunList, ...problemResponses(400, 401, 403) },
      },
    },
    (request) => service.runs(deps.db, request.query.limit),
  );
  app.get(
    '/pipeline/runs/:id',
    {
      config: admins,
      schema: {
        tags: ['pipeline'],
        summary: 'One pipeline run with its steps',
        params: pipelineRunParams,
        response: { 200: pipelineRunDetail, ...problemResponses(400, 401, 403, 404) },
      },
    },
    (request) => service.run(deps.db, request.params.id),
  );
  app.post(
    '/pipeline/runs',
    {
      config: admins,
      schema: {
        tags: ['pipeline'],
        summary:
          'Queue a run (or a re-run) of a date for the worker; 409 while a run of that date is in progress',
        body: pipelineRunRequest,
        response: { 202: pipelineRunQueued, ...problemResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) =>
      reply
        .status(202)
        .send(await queueRun({ db: deps.db, jobs: deps.jobs, pipeline: deps.pipeline }, request.body)),
  );
};
