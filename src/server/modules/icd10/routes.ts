import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.ts';
import { problemResponses } from '../../http/openapi.ts';
import { icd10Code, icd10List, icd10Params, icd10SearchQuery } from './schema.ts';
import * as service from './service.ts';

const tags = ['icd10'];

/** The code list is public-domain reference data: readable without signing in, like the directory. */
export const icd10Routes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/icd10',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Search ICD-10-CM FY2026 diagnosis codes by code prefix or by words',
        querystring: icd10SearchQuery,
        response: { 200: icd10List, ...problemResponses(400) },
      },
    },
    (request) => service.search(db, request.query),
  );
  app.get(
    '/icd10/:code',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'One ICD-10-CM code with its description',
        params: icd10Params,
        response: { 200: icd10Code, ...problemResponses(400, 404) },
      },
    },
    (request) => service.getCode(db, request.params.code),
  );
};
