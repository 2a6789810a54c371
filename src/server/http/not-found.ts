/**
 * Unknown URLs get 404; a known URL with the wrong method gets 405 with an `Allow` header (Fastify alone
 * answers 404 for both). A second router mirrors every registered route to tell them apart.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import FindMyWay, { type HTTPMethod } from 'find-my-way';
import { AppError } from '../../core/errors.ts';
import { sendProblem } from './problem.ts';

export function registerNotFound(app: FastifyInstance): void {
  const mirror = FindMyWay();
  const methods = new Set<HTTPMethod>();
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      methods.add(method as HTTPMethod);
      try {
        mirror.on(method as HTTPMethod, route.url, () => undefined);
      } catch {
        /* the same route registered twice (e.g. HEAD) */
      }
    }
  });
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '/';
    const allowed = [...methods].filter((m) => m !== request.method && mirror.find(m, path) !== null);
    if (allowed.length > 0) {
      return sendProblem(
        reply,
        new AppError(405, 'request.method_not_allowed', 'Method not allowed', {
          detail: `${request.method} is not allowed here. Allowed: ${allowed.join(', ')}.`,
          headers: { allow: allowed.join(', ') },
        }),
      );
    }
    return sendProblem(
      reply,
      new AppError(404, 'route.not_found', 'Not found', { detail: 'There is nothing at this address.' }),
    );
  });
}
