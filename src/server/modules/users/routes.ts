import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemResponses } from '../../http/openapi.ts';
import type { AuthDeps } from '../auth/index.ts';
import { adminUser, adminUserPage, createUserBody, userIdParams, userListQuery } from './schema.ts';
import * as service from './service.ts';

const ADMIN = { roles: ['admin'] } as const;
const tags = ['users'];

export const userRoutes: FastifyPluginAsyncZod<AuthDeps> = async (app, deps) => {
  app.post(
    '/users',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Create a doctor or admin account',
        body: createUserBody,
        response: { 201: adminUser, ...problemResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => reply.status(201).send(await service.create(deps, request.body)),
  );
  app.get(
    '/users',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'List accounts',
        querystring: userListQuery,
        response: { 200: adminUserPage, ...problemResponses(400, 401, 403) },
      },
    },
    (request) => service.list(deps.db, request.query),
  );
  const actions = [
    ['unlock', 'Unlock an account locked after failed sign-ins', (id: string) => service.unlock(deps.db, id)],
    [
      'disable',
      'Disable an account (it can no longer sign in)',
      (id: string) => service.setDisabled(deps.db, id, true),
    ],
    ['enable', 'Enable a disabled account', (id: string) => service.setDisabled(deps.db, id, false)],
  ] as const;
  for (const [verb, summary, run] of actions) {
    app.post(
      `/users/:id/${verb}`,
      {
        config: { access: ADMIN },
        schema: {
          tags,
          summary,
          params: userIdParams,
          response: { 200: adminUser, ...problemResponses(400, 401, 403, 404) },
        },
      },
      (request) => run(request.params.id),
    );
  }
};
