import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { principalOf } from '../../http/access.ts';
import { problemResponses } from '../../http/openapi.ts';
import {
  availabilityBody,
  availabilitySchema,
  clinicParams,
  doctorParams,
  holidayBody,
  holidayList,
  holidayParams,
  holidaySchema,
  overrideBody,
  overrideParams,
  timeOffBody,
  timeOffList,
  timeOffParams,
  timeOffSchema,
} from './availability-schema.ts';
import * as service from './availability-service.ts';

const tags = ['availability'];
const STAFF = { roles: ['doctor', 'admin'] } as const;
const ADMIN = { roles: ['admin'] } as const;
const ok = z.object({ ok: z.literal(true) });

export const availabilityRoutes: FastifyPluginAsyncZod<{ db: Db; now?: () => number }> = async (
  app,
  { db, now: clock },
) => {
  const now = () => (clock ?? Date.now)();
  app.get(
    '/doctors/:id/availability',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: "A doctor's working hours, slot length, notice and horizon",
        params: doctorParams,
        response: { 200: availabilitySchema, ...problemResponses(400, 404) },
      },
    },
    (request) => service.getAvailability(db, request.params.id, now()),
  );
  app.put(
    '/doctors/:id/availability',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: 'Replace weekly hours and booking settings (the doctor, admins)',
        params: doctorParams,
        body: availabilityBody,
        response: { 200: availabilitySchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    (request) => service.putAvailability(db, principalOf(request), request.params.id, request.body, now()),
  );
  app.put(
    '/doctors/:id/overrides/:date',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: 'Set the hours of one date ([] = day off)',
        params: overrideParams,
        body: overrideBody,
        response: { 200: availabilitySchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    (request) =>
      service.putOverride(
        db,
        principalOf(request),
        request.params.id,
        request.params.date,
        request.body.ranges,
        now(),
      ),
  );
  app.delete(
    '/doctors/:id/overrides/:date',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: 'Back to the weekly hours on this date',
        params: overrideParams,
        response: { 200: availabilitySchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    (request) =>
      service.deleteOverride(db, principalOf(request), request.params.id, request.params.date, now()),
  );
  app.get(
    '/doctors/:id/time-off',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: 'Current and future time off',
        params: doctorParams,
        response: { 200: timeOffList, ...problemResponses(400, 401, 403, 404) },
      },
    },
    (request) => service.listTimeOff(db, principalOf(request), request.params.id, now()),
  );
  app.post(
    '/doctors/:id/time-off',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: 'Add time off (vacation, sick day)',
        params: doctorParams,
        body: timeOffBody,
        response: { 201: timeOffSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await service.addTimeOff(db, principalOf(request), request.params.id, request.body)),
  );
  app.delete(
    '/doctors/:id/time-off/:timeOffId',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: 'Remove time off',
        params: timeOffParams,
        response: { 200: ok, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      await service.deleteTimeOff(db, principalOf(request), request.params.id, request.params.timeOffId);
      return { ok: true as const };
    },
  );
  app.get(
    '/clinics/:id/holidays',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Days the clinic is closed',
        params: clinicParams,
        response: { 200: holidayList, ...problemResponses(400, 404) },
      },
    },
    (request) => service.listHolidays(db, request.params.id),
  );
  app.post(
    '/clinics/:id/holidays',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Close the clinic on a date',
        params: clinicParams,
        body: holidayBody,
        response: { 201: holidaySchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.addHoliday(db, request.params.id, request.body)),
  );
  app.delete(
    '/clinics/:id/holidays/:holidayId',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Reopen the clinic on a date',
        params: holidayParams,
        response: { 200: ok, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      await service.deleteHoliday(db, request.params.id, request.params.holidayId);
      return { ok: true as const };
    },
  );
};
