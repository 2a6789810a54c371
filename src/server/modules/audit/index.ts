/** Audit: the append-only trail of every access to patient data, and "who accessed my record". */
import type { FastifyRequest } from 'fastify';
import type { AuditContext } from './service.ts';

export { auditRoutes } from './routes.ts';
export {
  record as recordAudit,
  recordMany as recordAudits,
  statement as auditStatement,
  type AuditContext,
  type AuditEntry,
} from './service.ts';

export function auditContextOf(request: FastifyRequest): AuditContext {
  return { actor: request.principal, ip: request.ip, requestId: request.id };
}
