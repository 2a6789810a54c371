/**
 * Deny by default: every route must declare who may call it in `config.access`; building the app fails
 * on a route that does not. `public` routes need no session; `operator` routes (metrics) are limited to
 * the operator's network. Role-based access is added by the auth module through `registerAccessCheck`.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import ipaddr from 'ipaddr.js';
import { AppError } from '../../core/errors.ts';

export type Access = 'public' | 'operator' | { roles: readonly Role[] };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}

/** Third-party plugins whose routes are public by nature (API docs). */
const PUBLIC_PREFIXES = ['/api/docs'];

export function requireAccessDeclarations(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const config = (route.config ?? {}) as { access?: Access };
    if (config.access) return;
    if (PUBLIC_PREFIXES.some((p) => route.url.startsWith(p))) {
      route.config = { ...config, access: 'public' };
      return;
    }
    throw new Error(`Route ${String(route.method)} ${route.url} does not declare config.access`);
  });
}

export function operatorNetworkCheck(allow: string[]): (request: FastifyRequest) => void {
  const ranges = allow.map((cidr) => ipaddr.parseCIDR(cidr));
  return (request) => {
    let addr = ipaddr.parse(request.ip);
    if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) {
      addr = (addr as ipaddr.IPv6).toIPv4Address();
    }
    const ok = ranges.some(([range, bits]) => range.kind() === addr.kind() && addr.match(range, bits));
    if (!ok)
      throw new AppError(403, 'access.operator_only', 'Forbidden', {
        detail: 'Only the operator network may read this.',
      });
  };
}

export function accessOf(request: FastifyRequest): Access | undefined {
  return request.routeOptions.config.access;
}

export type Role = 'patient' | 'doctor' | 'admin';

export interface Principal {
  userId: string;
  role: Role;
  sessionId: string;
  /** How the session came: a cookie needs the CSRF header on writes, a bearer token does not. */
  via: 'cookie' | 'bearer';
  /** The doctor record of a doctor account, the patient record of a patient account. */
  doctorId: string | null;
  patientId: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth module's hook when the request carries a valid session. */
    principal: Principal | undefined;
  }
}

/**
 * Checks the route's declaration against the caller right after authentication (onRequest), before the
 * body is parsed or validated: an anonymous caller learns nothing about a protected route's input rules.
 */
export function enforceAccess(app: FastifyInstance, operatorAllow: string[]): void {
  const operatorOnly = operatorNetworkCheck(operatorAllow);
  app.decorateRequest('principal', undefined);
  app.addHook('onRequest', async (request) => {
    // The not-found handler (404/405) has no route config and serves nothing to protect.
    if (request.is404) return;
    const access = accessOf(request);
    if (access === 'public') return;
    if (access === 'operator') {
      operatorOnly(request);
      return;
    }
    if (!access)
      throw new AppError(403, 'access.undeclared', 'Forbidden', { detail: 'This route is closed.' });
    if (!request.principal)
      throw new AppError(401, 'auth.required', 'Unauthorized', { detail: 'Sign in first.' });
    if (!access.roles.includes(request.principal.role)) {
      throw new AppError(403, 'access.role', 'Forbidden', { detail: 'Your role may not do this.' });
    }
  });
}

/** The signed-in caller (routes with role access only run with one). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal)
    throw new AppError(401, 'auth.required', 'Unauthorized', { detail: 'Sign in first.' });
  return request.principal;
}

/** The patient record of a signed-in patient. */
export function ownPatientId(request: FastifyRequest): string {
  const id = principalOf(request).patientId;
  if (!id)
    throw new AppError(403, 'patient.no_record', 'Forbidden', {
      detail: 'This account has no patient record.',
    });
  return id;
}

/** The doctor record of a signed-in doctor. */
export function ownDoctorId(request: FastifyRequest): string {
  const id = principalOf(request).doctorId;
  if (!id)
    throw new AppError(403, 'doctor.no_record', 'Forbidden', {
      detail: 'This account has no doctor record.',
    });
  return id;
}
