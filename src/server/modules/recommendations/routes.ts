import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.ts';
import { problemResponses } from '../../http/openapi.ts';
import { discoverAnswer, discoverQuery } from './schema.ts';
import * as service from './service.ts';

export const discoveryRoutes: FastifyPluginAsyncZod<{ db: Db; now?: () => number }> = async (
  app,
  { db, now = Date.now },
) => {
  app.get(
    '/discover',
    {
      config: { access: 'public' },
      schema: {
        tags: ['directory'],
        summary: 'Find doctors from symptoms: urgent red flags first, then specialties and ranked doctors',
        description:
          'Specialties come from a curated symptom map combined with a classifier trained on past visits. ' +
          'Doctors are ranked by 0.45·fit + 0.25·near + 0.15·rating + 0.15·soon (docs/decisions/0011-discovery.md).',
        querystring: discoverQuery,
        response: { 200: discoverAnswer, ...problemResponses(400) },
      },
    },
    (request) => service.discover(db, request.query, now()),
  );
};
