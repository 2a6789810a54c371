import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idOrCode } from '../../../core/ids.ts';
import { ownPatientId, principalOf } from '../../http/access.ts';
import { problemResponses } from '../../http/openapi.ts';
import { auditContextOf } from '../audit/index.ts';
import { cancel, reschedule, setStatus } from './changes.ts';
import { agenda, board, mine } from './lists.ts';
import {
  agendaQuery,
  appointmentList,
  appointmentPage,
  appointmentParams,
  appointmentSchema,
  boardQuery,
  bookBody,
  cancelBody,
  doctorSlots,
  doctorSlotsQuery,
  myAppointmentsQuery,
  rescheduleBody,
  slotSearch,
  slotSearchQuery,
  statusBody,
} from './schema.ts';
import { book, get, type BookingDeps } from './service.ts';
import { doctorSlots as doctorSlotsOf, searchSlots } from './slots.ts';

const tags = ['scheduling'];
const ANYONE_SIGNED_IN = { roles: ['patient', 'doctor', 'admin'] } as const;
const STAFF = { roles: ['doctor', 'admin'] } as const;
const idempotencyHeader = z.object({
  'idempotency-key': z
    .string()
    .min(8)
    .max(100)
    .regex(/^[\w.:-]+$/, 'must be 8–100 letters, digits, . : _ -')
    .optional(),
});

export const appointmentRoutes: FastifyPluginAsyncZod<BookingDeps> = async (app, deps) => {
  const { db } = deps;
  const now = () => (deps.now ?? Date.now)();
  app.get(
    '/doctors/:id/slots',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: "A doctor's free slots (times with the clinic's offset)",
        params: z.object({ id: idOrCode('D') }),
        querystring: doctorSlotsQuery,
        response: { 200: doctorSlots, ...problemResponses(400, 404) },
      },
    },
    (request) => doctorSlotsOf(db, request.params.id, request.query, now()),
  );
  app.get(
    '/slots',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The next free slots across doctors, soonest first',
        querystring: slotSearchQuery,
        response: { 200: slotSearch, ...problemResponses(400, 404) },
      },
    },
    (request) => searchSlots(db, request.query, now()),
  );
  app.post(
    '/appointments',
    {
      config: { access: ANYONE_SIGNED_IN },
      schema: {
        tags,
        summary: 'Book a free slot (send Idempotency-Key to make retries safe)',
        headers: idempotencyHeader,
        body: bookBody,
        response: {
          200: appointmentSchema,
          201: appointmentSchema,
          ...problemResponses(400, 401, 403, 404, 409, 422),
        },
      },
    },
    async (request, reply) => {
      const result = await book(
        deps,
        principalOf(request),
        request.body,
        request.headers['idempotency-key'],
        auditContextOf(request),
      );
      return reply.status(result.created ? 201 : 200).send(result.appointment);
    },
  );
  app.get(
    '/appointments/:id',
    {
      config: { access: ANYONE_SIGNED_IN },
      schema: {
        tags,
        summary: 'One appointment (its patient, its doctor, admins)',
        params: appointmentParams,
        response: { 200: appointmentSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    (request) => get(db, principalOf(request), request.params.id, auditContextOf(request)),
  );
  app.post(
    '/appointments/:id/reschedule',
    {
      config: { access: ANYONE_SIGNED_IN },
      schema: {
        tags,
        summary: 'Move to another free slot, atomically',
        params: appointmentParams,
        body: rescheduleBody,
        response: { 200: appointmentSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    (request) =>
      reschedule(
        deps,
        principalOf(request),
        request.params.id,
        request.body.startsAt,
        auditContextOf(request),
      ),
  );
  app.post(
    '/appointments/:id/cancel',
    {
      config: { access: ANYONE_SIGNED_IN },
      schema: {
        tags,
        summary: 'Cancel (patients up to the cut-off, staff any time); frees the slot at once',
        params: appointmentParams,
        body: cancelBody,
        response: { 200: appointmentSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    (request) =>
      cancel(deps, principalOf(request), request.params.id, request.body.reason, auditContextOf(request)),
  );
  app.post(
    '/appointments/:id/status',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: 'Check in, complete, or mark a no-show',
        params: appointmentParams,
        body: statusBody,
        response: { 200: appointmentSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    (request) =>
      setStatus(deps, principalOf(request), request.params.id, request.body.status, auditContextOf(request)),
  );
  app.get(
    '/me/appointments',
    {
      config: { access: { roles: ['patient'] } },
      schema: {
        tags,
        summary: 'My upcoming or past appointments',
        querystring: myAppointmentsQuery,
        response: { 200: appointmentPage, ...problemResponses(400, 401, 403) },
      },
    },
    (request) => mine(db, ownPatientId(request), request.query, now(), auditContextOf(request)),
  );
  app.get(
    '/doctors/:id/agenda',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: "A doctor's agenda by day or week (the doctor, admins)",
        params: z.object({ id: idOrCode('D') }),
        querystring: agendaQuery,
        response: { 200: appointmentList, ...problemResponses(400, 401, 403, 404) },
      },
    },
    (request) =>
      agenda(db, principalOf(request), request.params.id, request.query, now(), auditContextOf(request)),
  );
  app.get(
    '/clinics/:id/board',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: "The clinic's day board (admins, the clinic's doctors)",
        params: z.object({ id: idOrCode('C') }),
        querystring: boardQuery,
        response: { 200: appointmentList, ...problemResponses(400, 401, 403, 404) },
      },
    },
    (request) =>
      board(db, principalOf(request), request.params.id, request.query.date, now(), auditContextOf(request)),
  );
};
