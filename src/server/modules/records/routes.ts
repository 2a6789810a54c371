import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.ts';
import { principalOf } from '../../http/access.ts';
import { problemResponses } from '../../http/openapi.ts';
import { auditContextOf } from '../audit/index.ts';
import { amendmentRoutes } from './amend-routes.ts';
import { billingSummary, exportRecord } from './export.ts';
import * as s from './schema.ts';
import * as ts from './timeline-schema.ts';
import * as service from './service.ts';
import { timeline } from './timeline.ts';

const tags = ['records'];
/** Doctors write, with the patient's consent grant or emergency access (checked in the service). */
const writers = { access: { roles: ['doctor' as const] } };
/** Clinical content: the patient and the doctors who care for them (checked in the service); not admins. */
const readers = { access: { roles: ['patient' as const, 'doctor' as const] } };

export const recordRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.post(
    '/patients/:id/encounters',
    {
      config: writers,
      schema: {
        tags,
        summary:
          'Record an encounter with its diagnoses, prescriptions, lab results, notes and billing lines',
        params: s.patientParams,
        body: s.encounterCreate,
        response: { 201: s.encounterRecord, ...problemResponses(400, 401, 403, 404, 409, 410, 422) },
      },
    },
    async (request, reply) => {
      const ctx = auditContextOf(request);
      const record = await service.createEncounter(
        db,
        principalOf(request),
        request.params.id,
        request.body,
        ctx,
      );
      return reply.status(201).send(record);
    },
  );
  app.post(
    '/encounters/:id/entries',
    {
      config: writers,
      schema: {
        tags,
        summary: 'Add entries to an encounter (results that came back later, a note, a billing line)',
        params: s.encounterParams,
        body: s.entriesCreate,
        response: { 201: s.encounterRecord, ...problemResponses(400, 401, 403, 404, 410, 422) },
      },
    },
    async (request, reply) => {
      const ctx = auditContextOf(request);
      const record = await service.addEntries(db, principalOf(request), request.params.id, request.body, ctx);
      return reply.status(201).send(record);
    },
  );
  app.get(
    '/encounters/:id',
    {
      config: readers,
      schema: {
        tags,
        summary: 'An encounter with the current version of everything it holds',
        params: s.encounterParams,
        response: { 200: s.encounterRecord, ...problemResponses(400, 401, 403, 404) },
      },
    },
    (request) => service.getEncounter(db, principalOf(request), request.params.id, auditContextOf(request)),
  );
  app.get(
    '/patients/:id/timeline',
    {
      config: readers,
      schema: {
        tags,
        summary: 'Everything that happened to a patient, newest first: visits and every record entry',
        params: s.patientParams,
        querystring: ts.timelineQuery,
        response: { 200: ts.timelinePage, ...problemResponses(400, 401, 403, 404) },
      },
    },
    (request) =>
      timeline(db, principalOf(request), request.params.id, request.query, auditContextOf(request)),
  );
  app.get(
    '/patients/:id/billing',
    {
      config: { access: { roles: ['patient', 'doctor', 'admin'] } },
      schema: {
        tags,
        summary: "A patient's billing totals per currency (admins see these, not clinical content)",
        params: s.patientParams,
        response: { 200: ts.billingSummary, ...problemResponses(400, 401, 403, 404) },
      },
    },
    (request) => billingSummary(db, principalOf(request), request.params.id, auditContextOf(request)),
  );
  app.get(
    '/me/record',
    {
      config: { access: { roles: ['patient'] } },
      schema: {
        tags,
        summary: 'Download your whole medical record as JSON',
        response: { 200: ts.recordExport, ...problemResponses(401, 403) },
      },
    },
    async (request, reply) => {
      const record = await exportRecord(db, principalOf(request), auditContextOf(request));
      void reply.header(
        'content-disposition',
        `attachment; filename="healthsync-record-${record.patient.code}.json"`,
      );
      return record;
    },
  );
  await app.register(amendmentRoutes, { db });
};
