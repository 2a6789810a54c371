/**
 * The composition root: config → deps (database, jobs, metrics, logger) → app → listen, and the graceful
 * shutdown that undoes it in reverse. Every CLI command that runs the platform goes through here.
 */
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { build } from './app.ts';
import type { Config } from './config.ts';
import { openConfiguredDatabase, type Database } from './db/client.ts';

export { openConfiguredDatabase };
import { migrate } from './db/migrate.ts';
import { pipelineMetrics } from '../pipeline/runner/metrics.ts';
import {
  PIPELINE_RESUME,
  PIPELINE_RUN_JOB,
  registerPipelineJobs,
  registerWeekendNotice,
} from './modules/analytics/index.ts';
import { createLogger } from './http/logging.ts';
import { createMetrics, type Metrics } from './http/metrics.ts';
import { JobRegistry, startJobs, type Jobs } from './jobs/index.ts';
import {
  createNotifyDeps,
  DISPATCH_JOB,
  notificationMetrics,
  registerNotificationJobs,
  type NotificationJobs,
  type NotifyDeps,
} from './modules/notifications/index.ts';
import { registerAlertJobs, type AlertSettings } from './modules/alerts/index.ts';

export interface Deps {
  config: Config;
  logger: Logger;
  database: Database;
  jobs: Jobs;
  metrics: Metrics;
  close(): Promise<void>;
}

export interface DepsOptions {
  /** Which CLI command owns the process (written into the data-dir lock). */
  command: string;
  /** Run job handlers and schedules in this process. */
  workers: boolean;
  /** Called after migrations and before jobs start (e.g. the demo data on a first start). */
  afterMigrate?: (database: Database) => Promise<void>;
}

/** Modules add their job handlers and schedules here as they arrive. */
export function createJobRegistry(modules: {
  notify: NotifyDeps;
  alerts?: { db: Database['db']; settings: AlertSettings };
}): {
  registry: JobRegistry;
  notifications: NotificationJobs;
} {
  const registry = new JobRegistry();
  const notifications = registerNotificationJobs(registry, modules.notify);
  if (modules.alerts) registerAlertJobs(registry, modules.alerts);
  return { registry, notifications };
}

export async function createDeps(config: Config, options: DepsOptions): Promise<Deps> {
  const logger = createLogger(config.logLevel);
  const database = await openConfiguredDatabase(config, options.command);
  const metrics = createMetrics();
  const notify = createNotifyDeps({
    db: database.db,
    settings: config.notifications,
    metrics: notificationMetrics(metrics.registry),
    logger,
    // Embedded: this process is the database's only owner (the data-dir lock).
    exclusive: database.kind === 'pglite',
  });
  const { registry, notifications } = createJobRegistry({
    notify,
    alerts: { db: database.db, settings: config.alerts },
  });
  registerPipelineJobs(registry, {
    config,
    database,
    logger,
    metrics: pipelineMetrics(metrics.registry),
  });
  registerWeekendNotice(registry, { db: database.db, pipeline: config.pipeline });
  let jobs: Jobs | undefined;
  try {
    await migrate(database);
    await options.afterMigrate?.(database);
    jobs = await startJobs(database, registry, { workers: options.workers, logger });
    // Start dispatching now rather than at the next minute's schedule.
    if (options.workers) await jobs.send(DISPATCH_JOB, {});
    // Continue pipeline runs a previous process left unfinished (automatic resume at start-up).
    if (options.workers) await jobs.send(PIPELINE_RUN_JOB, PIPELINE_RESUME);
  } catch (err) {
    await jobs?.stop();
    await notify.close();
    await database.close();
    throw err;
  }
  const started = jobs;
  return {
    config,
    logger,
    database,
    jobs: started,
    metrics,
    close: async () => {
      notifications.stop();
      try {
        await started.stop();
      } finally {
        await notify.close();
        await database.close();
      }
    },
  };
}

export interface Running {
  url: string;
  app: FastifyInstance | undefined;
  deps: Deps;
  /** Stops accepting requests, lets in-flight ones finish, stops jobs, closes the database. */
  stop(): Promise<void>;
}

export async function run(config: Config, options: DepsOptions & { http: boolean }): Promise<Running> {
  const deps = await createDeps(config, options);
  let app: FastifyInstance | undefined;
  let url = '';
  try {
    if (options.http) {
      app = await build({
        config,
        database: deps.database,
        jobs: deps.jobs,
        metrics: deps.metrics,
        logger: deps.logger,
      });
      // "localhost" binds ::1 and 127.0.0.1; with PORT=0 each would get a different random port.
      const host = config.port === 0 && config.host === 'localhost' ? '127.0.0.1' : config.host;
      await app.listen({ port: config.port, host });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      url = `http://${host === '127.0.0.1' ? '127.0.0.1' : 'localhost'}:${String(port)}`;
      deps.database.lock?.update({ port });
    }
  } catch (err) {
    await app?.close();
    await deps.close();
    throw err;
  }
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      try {
        await app?.close();
      } finally {
        await deps.close();
      }
    })());
  return { url, app, deps, stop };
}

/** Ctrl-C / SIGTERM: graceful stop; a second signal exits at once. */
export function stopOnSignals(running: Running, onStopped: (err?: unknown) => void): void {
  let signalled = false;
  const handler = (signal: NodeJS.Signals) => {
    if (signalled) {
      process.exit(130);
    }
    signalled = true;
    running.deps.logger.info({ signal }, 'shutting down');
    running.stop().then(
      () => onStopped(),
      (err: unknown) => onStopped(err),
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
