import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.ts';
import { problemResponses } from '../../http/openapi.ts';
import {
  doctorCreate,
  doctorIdParams,
  doctorListQuery,
  doctorPage,
  doctorSchema,
  doctorUpdate,
  specialtyList,
} from './schema.ts';
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
  app.post(
    '/doctors',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['directory'],
        summary: 'Add a doctor to a clinic (admins)',
        body: doctorCreate,
        response: { 201: doctorSchema, ...problemResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => reply.status(201).send(await service.createDoctor(db, request.body)),
  );
  app.patch(
    '/doctors/:id',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['directory'],
        summary: 'Change a doctor (admins)',
        params: doctorIdParams,
        body: doctorUpdate,
        response: { 200: doctorSchema, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    (request) => service.updateDoctor(db, request.params.id, request.body),
  );
};
