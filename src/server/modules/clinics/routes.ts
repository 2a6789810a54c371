import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.ts';
import { problemResponses } from '../../http/openapi.ts';
import {
  clinicCreate,
  clinicIdParams,
  clinicListQuery,
  clinicPage,
  clinicSchema,
  clinicUpdate,
} from './schema.ts';
import * as service from './service.ts';

export const clinicRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/clinics',
    {
      config: { access: 'public' },
      schema: {
        tags: ['directory'],
        summary: 'List clinics, alphabetically',
        querystring: clinicListQuery,
        response: { 200: clinicPage, ...problemResponses(400) },
      },
    },
    (request) => service.listClinics(db, request.query),
  );
  app.get(
    '/clinics/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: ['directory'],
        summary: 'One clinic, by id or code',
        params: clinicIdParams,
        response: { 200: clinicSchema, ...problemResponses(400, 404) },
      },
    },
    (request) => service.getClinic(db, request.params.id),
  );
  app.post(
    '/clinics',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['directory'],
        summary: 'Add a clinic (admins)',
        body: clinicCreate,
        response: { 201: clinicSchema, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await service.createClinic(db, request.body)),
  );
  app.patch(
    '/clinics/:id',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['directory'],
        summary: 'Change a clinic (admins)',
        params: clinicIdParams,
        body: clinicUpdate,
        response: { 200: clinicSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    (request) => service.updateClinic(db, request.params.id, request.body),
  );
};
