import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pageQuery } from '../../../core/pagination.ts';
import type { Db } from '../../db/client.ts';
import { ownPatientId } from '../../http/access.ts';
import { problemResponses } from '../../http/openapi.ts';
import { accessLogPage, auditPage, auditSearchQuery } from './schema.ts';
import * as service from './service.ts';

export const auditRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/me/access-log',
    {
      config: { access: { roles: ['patient'] } },
      schema: {
        tags: ['audit'],
        summary: 'Who accessed my record: every read and write of my data, newest first',
        querystring: pageQuery,
        response: { 200: accessLogPage, ...problemResponses(400, 401, 403) },
      },
    },
    (request) => service.accessLog(db, ownPatientId(request), request.query),
  );
  app.get(
    '/audit',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['audit'],
        summary: 'Search the audit trail (admins)',
        querystring: auditSearchQuery,
        response: { 200: auditPage, ...problemResponses(400, 401, 403) },
      },
    },
    (request) => service.search(db, request.query),
  );
};
