import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.ts';
import { principalOf } from '../../http/access.ts';
import { problemResponses } from '../../http/openapi.ts';
import { auditContextOf } from '../audit/index.ts';
import { createPatient, erasePatient } from './lifecycle.ts';
import {
  patientCreate,
  patientErasure,
  patientListQuery,
  patientPage,
  patientParams,
  patientSchema,
  patientUpdate,
} from './schema.ts';
import * as service from './service.ts';

const tags = ['patients'];

export const patientRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/patients',
    {
      config: { access: { roles: ['doctor', 'admin'] } },
      schema: {
        tags,
        summary: 'Patients: a doctor sees the patients they care for, an admin all of them',
        querystring: patientListQuery,
        response: { 200: patientPage, ...problemResponses(400, 401, 403) },
      },
    },
    (request) => service.listPatients(db, principalOf(request), request.query, auditContextOf(request)),
  );
  app.get(
    '/patients/:id',
    {
      config: { access: { roles: ['patient', 'doctor', 'admin'] } },
      schema: {
        tags,
        summary: "A patient's demographics (the patient, their doctors, admins)",
        params: patientParams,
        response: { 200: patientSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    (request) => service.getPatient(db, principalOf(request), request.params.id, auditContextOf(request)),
  );
  app.patch(
    '/patients/:id',
    {
      config: { access: { roles: ['patient', 'doctor', 'admin'] } },
      schema: {
        tags,
        summary:
          "Change a patient's demographics (the patient, a doctor with consent, or an admin for all but health attributes)",
        params: patientParams,
        body: patientUpdate,
        response: { 200: patientSchema, ...problemResponses(400, 401, 403, 404, 410, 422) },
      },
    },
    (request) =>
      service.updatePatient(
        db,
        principalOf(request),
        request.params.id,
        request.body,
        auditContextOf(request),
      ),
  );
  app.post(
    '/patients',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags,
        summary: 'Register a patient (front desk)',
        body: patientCreate,
        response: { 201: patientSchema, ...problemResponses(400, 401, 403, 422) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createPatient(db, request.body, auditContextOf(request))),
  );
  app.delete(
    '/patients/:id',
    {
      config: { access: { roles: ['patient', 'admin'] } },
      schema: {
        tags,
        summary:
          'Erase a patient on request (privacy law): identity goes, clinical and billing facts stay pseudonymous',
        params: patientParams,
        response: { 200: patientErasure, ...problemResponses(400, 401, 403, 404, 410) },
      },
    },
    (request) => erasePatient(db, principalOf(request), request.params.id, auditContextOf(request)),
  );
};
