/** The real app on a per-file test database, driven through `inject()`. */
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { build } from '../../src/server/app.ts';
import type { Database } from '../../src/server/db/client.ts';
import { createMetrics } from '../../src/server/http/metrics.ts';
import { JobRegistry, startJobs, type Jobs } from '../../src/server/jobs/index.ts';
import { createTestDatabase } from './db.ts';
import { testNotificationSettings } from './notify.ts';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  jobs: Jobs;
  close(): Promise<void>;
}

export const TEST_CONFIG = {
  logLevel: 'silent' as const,
  bodyLimit: 1024 * 1024,
  metricsAllow: ['127.0.0.0/8', '::1/128'],
  publicUrl: 'http://localhost:3000',
  auth: {
    secret: 'test-secret-that-is-long-enough-for-hmac-0123456789',
    sessionIdleMinutes: 60,
    sessionMaxHours: 12,
    consentGrantHours: 24,
    secureCookies: false,
    publicUrl: 'http://localhost:3000',
  },
  scheduling: { cancelCutoffMinutes: 24 * 60 },
  notifications: testNotificationSettings(),
};

export async function createTestApp(
  options: { registry?: JobRegistry; workers?: boolean } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const jobs = await startJobs(database, options.registry ?? new JobRegistry(), {
    workers: options.workers ?? false,
    pollingIntervalSeconds: 0.5,
    logger: pino({ level: 'silent' }),
  });
  const app = await build({ config: TEST_CONFIG, database, jobs, metrics: createMetrics() });
  return {
    app,
    database,
    jobs,
    close: async () => {
      await app.close();
      await jobs.stop();
      await database.close();
    },
  };
}
