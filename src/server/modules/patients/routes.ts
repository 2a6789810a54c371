import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.ts';
import { principalOf } from '../../http/access.ts';
import { problemResponses } from '../../http/openapi.ts';
import { auditContextOf } from '../audit/index.ts';
import { patientListQuery, patientPage, patientParams, patientSchema, patientUpdate } from './schema.ts';
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
      config: { access: { roles: ['patient', 'doctor'] } },
      schema: {
        tags,
        summary: "Change a patient's contact details (the patient, or a doctor with the patient's consent)",
        params: patientParams,
        body: patientUpdate,
        response: { 200: patientSchema, ...problemResponses(400, 401, 403, 404) },
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
};
