import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.ts';
import { problemResponses } from '../../http/openapi.ts';
import { doctorIdParams, doctorListQuery, doctorPage, doctorSchema, specialtyList } from './schema.ts';
import * as service from './service.ts';

export const doctorRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/doctors',
    {
      config: { access: 'public' },
      schema: {
        tags: ['directory'],
        summary: 'List doctors, alphabetically; filter by specialty, clinic or name',
        querystring: doctorListQuery,
        response: { 200: doctorPage, ...problemResponses(400) },
      },
    },
    (request) => service.listDoctors(db, request.query),
  );
  app.get(
    '/doctors/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: ['directory'],
        summary: 'One doctor, by id or code',
        params: doctorIdParams,
        response: { 200: doctorSchema, ...problemResponses(400, 404) },
      },
    },
    (request) => service.getDoctor(db, request.params.id),
  );
  app.get(
    '/specialties',
    {
      config: { access: 'public' },
      schema: {
        tags: ['directory'],
        summary: 'Specialties with their number of doctors',
        response: { 200: specialtyList },
      },
    },
    () => service.listSpecialties(db),
  );
};
