/**
 * Background jobs and schedules on pg-boss, in the same database as the data (PGlite adapter when
 * embedded, its own pool on PostgreSQL). Modules add handlers and cron schedules to a `JobRegistry`;
 * which process runs the workers is decided at start (`start` and `worker` do, `serve` does not).
 */
import { PgBoss, fromPglite, type Job, type Queue, type SendOptions } from 'pg-boss';
import type { Logger } from 'pino';
import type { Database } from '../db/client.ts';

export interface JobDefinition<T extends object = object> {
  /** Queue name, `<module>.<action>`, e.g. `notifications.deliver`. */
  name: string;
  handler: (jobs: Job<T>[]) => Promise<unknown>;
  /** Retry, expiry and retention for the queue. */
  queue?: Omit<Queue, 'name'>;
  batchSize?: number;
  /** Cron schedule (5 fields) with its IANA zone, for periodic work. */
  schedule?: { cron: string; tz?: string; data?: T };
}

export class JobRegistry {
  readonly #defs = new Map<string, JobDefinition>();

  add<T extends object>(def: JobDefinition<T>): void {
    if (this.#defs.has(def.name)) throw new Error(`Job ${def.name} is registered twice`);
    this.#defs.set(def.name, def as unknown as JobDefinition);
  }

  list(): JobDefinition[] {
    return [...this.#defs.values()];
  }
}

export interface Jobs {
  send(name: string, data: object, options?: SendOptions): Promise<string | null>;
  /** True when the queue's tables answer. */
  ping(): Promise<boolean>;
  readonly runsWorkers: boolean;
  /** Cron schedules stored in the queue (what will run, when, in which zone). */
  schedules(): Promise<{ name: string; cron: string; tz: string | undefined }[]>;
  stop(): Promise<void>;
}

export interface StartJobsOptions {
  /** Run handlers in this process. */
  workers: boolean;
  /** Seconds between polls (≥ 0.5); pg-boss's 2 s default feels slow for interactive work. */
  pollingIntervalSeconds?: number;
  logger: Logger;
}

export async function startJobs(
  database: Database,
  registry: JobRegistry,
  opts: StartJobsOptions,
): Promise<Jobs> {
  const boss =
    database.kind === 'pglite'
      ? new PgBoss({ db: fromPglite(database.pglite!), backend: 'pglite', schedule: opts.workers })
      : new PgBoss({ connectionString: database.connectionString!, max: 4, schedule: opts.workers });
  boss.on('error', (err) => opts.logger.error({ err }, 'job queue error'));
  await boss.start();
  try {
    await registerAll(boss, registry.list(), opts);
  } catch (err) {
    await boss.stop({ graceful: false, close: true });
    throw err;
  }
  let stopped = false;
  return {
    send: (name, data, options) => boss.send(name, data, options ?? {}),
    ping: async () => !stopped && (await boss.schemaVersion()) !== null,
    runsWorkers: opts.workers,
    schedules: async () =>
      (await boss.getSchedules()).map((s) => ({
        name: s.name,
        cron: s.cron,
        tz: s.options?.tz ?? undefined,
      })),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      // Graceful: lets running handlers finish (up to 20 s) before the database is closed under them.
      await boss.stop({ graceful: true, timeout: 20_000, close: true });
    },
  };
}

async function registerAll(boss: PgBoss, defs: JobDefinition[], opts: StartJobsOptions): Promise<void> {
  for (const def of defs) await boss.createQueue(def.name, def.queue ?? {});
  if (!opts.workers) return;
  for (const def of defs) {
    await boss.work(
      def.name,
      { batchSize: def.batchSize ?? 1, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 0.5 },
      def.handler,
    );
    if (def.schedule) {
      await boss.schedule(def.name, def.schedule.cron, def.schedule.data ?? null, {
        tz: def.schedule.tz ?? 'UTC',
      });
    }
  }
}
