/** Liveness, readiness and the landing page. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/client.ts';
import type { Jobs } from '../jobs/index.ts';

export interface SystemDeps {
  database: Database;
  jobs: Jobs;
  version: string;
  /** Notification channels: unconfigured ones are skipped, which readiness reports without failing. */
  channels: Record<string, 'configured' | 'not_configured'>;
}

const checkResult = z.enum(['ok', 'failing']);
const readySchema = z
  .object({
    status: z.enum(['ready', 'unavailable']),
    checks: z.object({ database: checkResult, jobs: checkResult }),
    details: z.object({
      notificationChannels: z.record(z.string(), z.enum(['configured', 'not_configured'])),
    }),
  })
  .meta({ id: 'Readiness' });

/** A dependency that does not answer within this time counts as down. */
const CHECK_TIMEOUT_MS = 2000;

async function check(probe: () => Promise<unknown>): Promise<'ok' | 'failing'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS);
  });
  try {
    const result = await Promise.race([probe(), timeout]);
    return result === false ? 'failing' : 'ok';
  } catch {
    return 'failing';
  } finally {
    clearTimeout(timer);
  }
}

export const systemRoutes: FastifyPluginAsyncZod<SystemDeps> = async (app, deps) => {
  app.get(
    '/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Liveness: the process answers',
        response: {
          200: z.object({ status: z.literal('ok'), version: z.string(), uptimeSeconds: z.number() }),
        },
      },
    },
    () => ({ status: 'ok' as const, version: deps.version, uptimeSeconds: Math.round(process.uptime()) }),
  );
  app.get(
    '/ready',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Readiness: the database and the job queue answer',
        response: { 200: readySchema, 503: readySchema },
      },
    },
    async (_request, reply) => {
      const [database, jobs] = await Promise.all([
        check(() => deps.database.ping()),
        check(() => deps.jobs.ping()),
      ]);
      const ready = database === 'ok' && jobs === 'ok';
      return reply.status(ready ? 200 : 503).send({
        status: ready ? 'ready' : 'unavailable',
        checks: { database, jobs },
        details: { notificationChannels: deps.channels },
      });
    },
  );
};
