/** Analytics: the pipeline's published reports and its runs (admins), and the pipeline's jobs. */
export { analyticsRoutes, type AnalyticsRouteDeps } from './routes.ts';
export { registerWeekendNotice, sendWeekendNotice, weekendNotice, WEEKEND_NOTICE_JOB } from './weekend.ts';
export { registerPipelineJobs, PIPELINE_RESUME, type PipelineJob, type PipelineJobDeps } from './jobs.ts';
export { PIPELINE_RUN_JOB } from './service.ts';
