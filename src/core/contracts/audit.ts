import { z } from 'zod';
import { uuidSchema } from '../ids.ts';
import { page, pageQuery } from '../pagination.ts';

export const accessLogEntry = z
  .object({
    id: z.uuid(),
    at: z.iso.datetime({ offset: true }),
    action: z.string(),
    outcome: z.enum(['allowed', 'denied']),
    actor: z.object({ role: z.string(), name: z.string().nullable() }),
  })
  .meta({ id: 'AccessLogEntry' });

export const accessLogPage = page(accessLogEntry).meta({ id: 'AccessLogPage' });

export const auditEvent = z
  .object({
    id: z.uuid(),
    at: z.iso.datetime({ offset: true }),
    actorUserId: z.uuid().nullable(),
    actorRole: z.string(),
    action: z.string(),
    patientId: z.uuid().nullable(),
    outcome: z.enum(['allowed', 'denied']),
    ip: z.string().nullable(),
    requestId: z.string().nullable(),
    details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).nullable(),
  })
  .meta({ id: 'AuditEvent' });

export const auditPage = page(auditEvent).meta({ id: 'AuditPage' });

export const auditSearchQuery = pageQuery.extend({
  patient: uuidSchema.optional(),
  actor: uuidSchema.optional(),
  action: z
    .string()
    .regex(/^[a-z_]+(\.[a-z_]+)*$/, 'must look like `patient.read`')
    .max(64)
    .optional(),
  outcome: z.enum(['allowed', 'denied']).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export type AuditSearchQuery = z.infer<typeof auditSearchQuery>;
