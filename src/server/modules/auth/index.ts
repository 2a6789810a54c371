/**
 * Auth: accounts, sign-in, sessions (cookie or bearer), CSRF on cookie-authenticated writes.
 * `registerAuthentication` resolves `request.principal` for every request; routes declare who may call them.
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../core/errors.ts';
import { csrfToken, sameSecret } from './rules.ts';
import { SESSION_COOKIE } from './routes.ts';
import { authenticate, type AuthDeps } from './service.ts';

export { authRoutes, SESSION_COOKIE } from './routes.ts';
export { createAccount, assertPasswordAcceptable, type NewAccount } from './accounts.ts';
export { hashPassword, verifyPassword } from './passwords.ts';
export type { AuthDeps } from './service.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function registerAuthentication(app: FastifyInstance, deps: AuthDeps): void {
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    const cookie = request.cookies[SESSION_COOKIE];
    if (header?.startsWith('Bearer ')) {
      request.principal = await authenticate(deps, header.slice(7).trim(), 'bearer');
    } else if (cookie) {
      request.principal = await authenticate(deps, cookie, 'cookie');
    }
    const principal = request.principal;
    const access = request.routeOptions.config.access;
    // Cookies ride along on cross-site requests; a write must also prove it came from our own page.
    if (principal?.via === 'cookie' && typeof access === 'object' && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (
        typeof sent !== 'string' ||
        !sameSecret(sent, csrfToken(deps.settings.secret, principal.sessionId))
      ) {
        throw new AppError(403, 'auth.csrf', 'Forbidden', {
          detail: 'This write needs the x-csrf-token header from sign-in or GET /api/v1/auth/me.',
        });
      }
    }
  });
}
