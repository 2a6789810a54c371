import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { principalOf } from '../../http/access.ts';
import { problemResponses } from '../../http/openapi.ts';
import { keyedRateLimit } from '../../http/rate-limit.ts';
import { changePassword, confirmReset, requestReset, signup } from './accounts.ts';
import {
  acceptedSchema,
  loginBody,
  meSchema,
  okSchema,
  passwordChangeBody,
  resetConfirmBody,
  resetRequestBody,
  revokedCount,
  sessionGrant,
  sessionIdParams,
  sessionList,
  signupBody,
} from './schema.ts';
import * as service from './service.ts';
import type { AuthDeps, IssuedSession } from './service.ts';
import { csrfToken } from './rules.ts';

export const SESSION_COOKIE = 'hs_session';
const ANY_ROLE = { roles: ['patient', 'doctor', 'admin'] } as const;

const meta = (request: FastifyRequest) => ({
  ip: request.ip,
  userAgent: request.headers['user-agent'] ?? null,
});

/** Per-account limit key: the email in the body (lower-cased), else the IP. */
const byEmail = (prefix: string) => (request: FastifyRequest) => {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? `${prefix}:${email.toLowerCase()}` : `${prefix}-ip:${request.ip}`;
};

export const authRoutes: FastifyPluginAsyncZod<AuthDeps> = async (app, deps) => {
  const setCookie = (reply: FastifyReply, issued: IssuedSession) =>
    reply.setCookie(SESSION_COOKIE, issued.token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.settings.secureCookies,
      path: '/',
      expires: new Date(issued.expiresAt),
    });
  const perIp = (max: number, timeWindow: string) => app.rateLimit({ max, timeWindow });
  const perAccount = (points: number, durationSeconds: number, prefix: string) =>
    keyedRateLimit({ points, durationSeconds, key: byEmail(prefix) });
  const tags = ['auth'];

  app.post(
    '/auth/signup',
    {
      config: { access: 'public' },
      preHandler: [perIp(10, '1 hour')],
      schema: {
        tags,
        summary: 'Create a patient account (linked to an existing patient record, or with a new one)',
        body: signupBody,
        response: { 201: sessionGrant, ...problemResponses(400, 409, 422, 429) },
      },
    },
    async (request, reply) => {
      const issued = await signup(deps, request.body, meta(request));
      return setCookie(reply, issued).status(201).send(issued);
    },
  );
  app.post(
    '/auth/login',
    {
      config: { access: 'public' },
      preHandler: [perIp(30, '1 minute'), perAccount(10, 60, 'login')],
      schema: {
        tags,
        summary: 'Sign in: sets the session cookie and returns a bearer token',
        body: loginBody,
        response: { 200: sessionGrant, ...problemResponses(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const issued = await service.login(deps, request.body, meta(request));
      return setCookie(reply, issued).send(issued);
    },
  );
  app.post(
    '/auth/logout',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags,
        summary: 'Sign out this session',
        response: { 200: okSchema, ...problemResponses(401, 403) },
      },
    },
    async (request, reply) => {
      await service.logout(deps, principalOf(request));
      return reply.clearCookie(SESSION_COOKIE, { path: '/' }).send({ ok: true as const });
    },
  );
  app.get(
    '/auth/me',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags,
        summary: 'The signed-in account',
        response: { 200: meSchema, ...problemResponses(401) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const user = await service.currentUser(deps.db, principal.userId);
      return { user, csrfToken: csrfToken(deps.settings.secret, principal.sessionId) };
    },
  );
  app.get(
    '/auth/sessions',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags,
        summary: 'My active sessions (devices)',
        response: { 200: sessionList, ...problemResponses(401) },
      },
    },
    (request) => service.listSessions(deps, principalOf(request)),
  );
  app.delete(
    '/auth/sessions/:id',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags,
        summary: 'Sign out one of my sessions',
        params: sessionIdParams,
        response: { 200: okSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      await service.revokeSession(deps, principalOf(request), request.params.id);
      return { ok: true as const };
    },
  );
  app.post(
    '/auth/sessions/revoke-others',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags,
        summary: 'Sign out all my other devices',
        response: { 200: revokedCount, ...problemResponses(401, 403) },
      },
    },
    async (request) => ({ revoked: await service.revokeOtherSessions(deps, principalOf(request)) }),
  );
  app.post(
    '/auth/password',
    {
      config: { access: ANY_ROLE },
      preHandler: [perIp(10, '1 minute')],
      schema: {
        tags,
        summary: 'Change my password (signs out my other devices)',
        body: passwordChangeBody,
        response: { 200: okSchema, ...problemResponses(400, 401, 403, 429) },
      },
    },
    async (request) => {
      await changePassword(deps, principalOf(request), request.body);
      return { ok: true as const };
    },
  );
  app.post(
    '/auth/password-reset',
    {
      config: { access: 'public' },
      preHandler: [perIp(10, '1 minute'), perAccount(3, 3600, 'reset')],
      schema: {
        tags,
        summary: 'Send a one-time password reset link to this email, if it has an account',
        body: resetRequestBody,
        response: { 202: acceptedSchema, ...problemResponses(400, 429) },
      },
    },
    async (request, reply) => {
      await requestReset(deps, request.body.email);
      return reply.status(202).send({
        status: 'accepted' as const,
        detail: 'If an account uses this email, a reset link is on its way.',
      });
    },
  );
  app.post(
    '/auth/password-reset/confirm',
    {
      config: { access: 'public' },
      preHandler: [perIp(10, '1 minute')],
      schema: {
        tags,
        summary: 'Set a new password with a reset link (signs out every device)',
        body: resetConfirmBody,
        response: { 200: okSchema, ...problemResponses(400, 429) },
      },
    },
    async (request) => {
      await confirmReset(deps, request.body);
      return { ok: true as const };
    },
  );
};
