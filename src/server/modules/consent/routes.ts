import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ownDoctorId, ownPatientId } from '../../http/access.ts';
import { problemResponses } from '../../http/openapi.ts';
import { auditContextOf } from '../audit/index.ts';
import {
  challengeCreated,
  emergencyBody,
  emergencyList,
  grantList,
  grantSchema,
  idParams,
  patientParams,
  pendingList,
  verifyBody,
} from './schema.ts';
import * as service from './service.ts';

const tags = ['consent'];
const DOCTOR = { roles: ['doctor'] } as const;
const PATIENT = { roles: ['patient'] } as const;

export const consentRoutes: FastifyPluginAsyncZod<service.ConsentDeps> = async (app, deps) => {
  const { db } = deps;
  app.post(
    '/patients/:id/consent-requests',
    {
      config: { access: DOCTOR },
      preHandler: [app.rateLimit({ max: 10, timeWindow: '10 minutes' })],
      schema: {
        tags,
        summary: 'Ask a patient for consent to edit their records: sends them a one-time code',
        params: patientParams,
        response: { 201: challengeCreated, ...problemResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await service.requestConsent(
            deps,
            ownDoctorId(request),
            request.params.id,
            auditContextOf(request),
          ),
        ),
  );
  app.post(
    '/consent-requests/:id/verify',
    {
      config: { access: DOCTOR },
      schema: {
        tags,
        summary: 'Enter the code the patient gave you: grants write access for a limited time',
        params: idParams,
        body: verifyBody,
        response: { 201: grantSchema, ...problemResponses(400, 401, 403, 404, 409, 410, 422) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await service.verifyCode(
            deps,
            ownDoctorId(request),
            request.params.id,
            request.body.code,
            auditContextOf(request),
          ),
        ),
  );
  app.post(
    '/patients/:id/emergency-access',
    {
      config: { access: DOCTOR },
      schema: {
        tags,
        summary:
          'Break the glass: write access without consent, with a reason; audited and told to the patient',
        params: patientParams,
        body: emergencyBody,
        response: { 201: grantSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await service.emergencyAccess(
            deps,
            ownDoctorId(request),
            request.params.id,
            request.body.reason,
            auditContextOf(request),
          ),
        ),
  );
  app.get(
    '/me/consent-grants/issued',
    {
      config: { access: DOCTOR },
      schema: {
        tags,
        summary: 'The active grants patients gave me',
        response: { 200: grantList, ...problemResponses(401, 403) },
      },
    },
    (request) => service.grantsOf(db, { doctorId: ownDoctorId(request) }),
  );
  app.get(
    '/me/consent-requests',
    {
      config: { access: PATIENT },
      schema: {
        tags,
        summary: 'Consent requests waiting for my answer',
        response: { 200: pendingList, ...problemResponses(401, 403) },
      },
    },
    (request) => service.pendingRequests(db, ownPatientId(request)),
  );
  for (const [verb, approve] of [
    ['approve', true],
    ['deny', false],
  ] as const) {
    app.post(
      `/consent-requests/:id/${verb}`,
      {
        config: { access: PATIENT },
        schema: {
          tags,
          summary: approve ? 'Approve a consent request (grants access at once)' : 'Deny a consent request',
          params: idParams,
          response: {
            200: z.object({ grant: grantSchema.nullable() }),
            ...problemResponses(400, 401, 403, 404, 409, 410),
          },
        },
      },
      (request) =>
        service.decide(deps, ownPatientId(request), request.params.id, approve, auditContextOf(request)),
    );
  }
  app.get(
    '/me/consent-grants',
    {
      config: { access: PATIENT },
      schema: {
        tags,
        summary: 'Doctors who may currently edit my records',
        response: { 200: grantList, ...problemResponses(401, 403) },
      },
    },
    (request) => service.grantsOf(db, { patientId: ownPatientId(request) }),
  );
  app.delete(
    '/me/consent-grants/:id',
    {
      config: { access: PATIENT },
      schema: {
        tags,
        summary: 'Revoke a grant: takes effect at once',
        params: idParams,
        response: { 200: z.object({ ok: z.literal(true) }), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      await service.revoke(db, ownPatientId(request), request.params.id, auditContextOf(request));
      return { ok: true as const };
    },
  );
  app.get(
    '/admin/emergency-access',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags,
        summary: 'Emergency ("break the glass") accesses, newest first',
        response: { 200: emergencyList, ...problemResponses(401, 403) },
      },
    },
    () => service.emergencyLog(db),
  );
};
