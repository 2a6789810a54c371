import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.ts';
import { principalOf } from '../../http/access.ts';
import { problemResponses } from '../../http/openapi.ts';
import {
  adminAlertDetail,
  adminAlertList,
  adminAlertQuery,
  alertParams,
  confirmedAlert,
  publicAlertList,
  publicAlertQuery,
} from './schema.ts';
import * as service from './service.ts';

const tags = ['alerts'];
const ADMIN = { roles: ['admin'] } as const;

export const alertRoutes: FastifyPluginAsyncZod<{ db: Db; settings?: service.AlertSettings }> = async (
  app,
  { db, settings = service.DEFAULT_ALERT_SETTINGS },
) => {
  app.get(
    '/alerts',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Community health alerts in an area (small counts withheld)',
        querystring: publicAlertQuery,
        response: { 200: publicAlertList, ...problemResponses(400) },
      },
    },
    (request) => service.publicAlerts(db, settings, request.query.area),
  );
  app.get(
    '/admin/alerts',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Alerts, latest alarm first (admins)',
        querystring: adminAlertQuery,
        response: { 200: adminAlertList, ...problemResponses(400, 401, 403) },
      },
    },
    (request) => service.adminList(db, request.query),
  );
  app.get(
    '/admin/alerts/:id',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'One alert with its days and how many people were told (admins)',
        params: alertParams,
        response: { 200: adminAlertDetail, ...problemResponses(400, 401, 403, 404) },
      },
    },
    (request) => service.adminGet(db, request.params.id),
  );
  app.post(
    '/admin/alerts/:id/confirm',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Confirm an open alert: the people of the area are notified, once each (admins)',
        params: alertParams,
        response: { 200: confirmedAlert, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    (request) => service.confirm(db, settings, request.params.id, principalOf(request).userId),
  );
};
