/**
 * The real app plus test-only routes under /api/v1 (through `AppDeps.extraPlugins`), so request-level
 * errors that need a JSON body (malformed JSON, 413, 415, body validation) and unexpected throws can be
 * checked before any product route accepts a body. Seeds one clinic and one doctor for the directory.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import pino from 'pino';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { build } from '../../src/server/app.ts';
import { queryRows, type Db } from '../../src/server/db/client.ts';
import { clinics, doctors } from '../../src/server/db/schema/index.ts';
import { createMetrics } from '../../src/server/http/metrics.ts';
import { problemResponses } from '../../src/server/http/openapi.ts';
import { JobRegistry, startJobs } from '../../src/server/jobs/index.ts';
import { TEST_CONFIG, type TestApp } from './app.ts';
import { createTestDatabase } from './db.ts';

/** Text of the error the hidden explode route throws: it must never reach a response body. */
export const EXPLODE_SECRET = 'secret-internal-detail-4242';

const echoBody = z.object({
  name: z.string().min(1).max(100),
  age: z.number().int().min(0).max(150).optional(),
  tags: z.array(z.string().max(50)).max(10).optional(),
});

/** POST /api/v1/echo round-trips `name` through SQL, so odd strings reach the database as they would in a module. */
export function echoRoutes(db: Db): FastifyPluginAsync {
  return async (plain) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    app.post(
      '/echo',
      {
        config: { access: 'public' },
        schema: {
          tags: ['test'],
          summary: 'Test only: validates a JSON body and returns its name',
          body: echoBody,
          response: { 200: z.object({ name: z.string() }), ...problemResponses(400, 413, 415) },
        },
      },
      async (request) => {
        const [row] = await queryRows<{ name: string }>(db, sql`select ${request.body.name}::text as name`);
        return { name: row?.name ?? '' };
      },
    );
    // Hidden from the OpenAPI document so the robustness walk does not call it.
    app.get('/echo/explode', { config: { access: 'public' }, schema: { hide: true } }, async () => {
      throw new Error(`${EXPLODE_SECRET} at /srv/app/node_modules/x.js:1:1`);
    });
  };
}

export interface Seeded {
  clinic: { id: string; code: string };
  doctor: { id: string; code: string };
}

async function seedDirectory(db: Db): Promise<Seeded> {
  const [clinic] = await db
    .insert(clinics)
    .values({
      name: 'Harbour Clinic',
      neighbourhood: 'Harbour',
      timezone: 'Europe/Lisbon',
      emergencyPhone: '+351 210 000 000',
    })
    .returning({ id: clinics.id, code: clinics.code });
  const [doctor] = await db
    .insert(doctors)
    .values({ clinicId: clinic!.id, name: 'Ana Costa', specialty: 'Cardiology' })
    .returning({ id: doctors.id, code: doctors.code });
  return { clinic: clinic!, doctor: doctor! };
}

export async function createEchoApp(): Promise<TestApp & { seeded: Seeded }> {
  const database = await createTestDatabase();
  const seeded = await seedDirectory(database.db);
  const jobs = await startJobs(database, new JobRegistry(), {
    workers: false,
    logger: pino({ level: 'silent' }),
  });
  const app = await build({
    config: TEST_CONFIG,
    database,
    jobs,
    metrics: createMetrics(),
    extraPlugins: [echoRoutes(database.db)],
  });
  return {
    app,
    database,
    jobs,
    seeded,
    close: async () => {
      await app.close();
      await jobs.stop();
      await database.close();
    },
  };
}
