import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { id } from './columns.ts';

/**
 * Append-only trail of every read and write of a patient's data: who, role, what, which patient, when,
 * from where, outcome. A trigger (migration 0003) refuses UPDATE, DELETE and TRUNCATE.
 * `details` holds ids and codes only, never patient data.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: id(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    actorRole: text('actor_role').notNull(),
    /** `<area>.<verb>`, e.g. `patient.read`, `consent.verify`, `records.write`. */
    action: text('action').notNull(),
    patientId: uuid('patient_id'),
    outcome: text('outcome', { enum: ['allowed', 'denied'] }).notNull(),
    ip: text('ip'),
    requestId: text('request_id'),
    details: jsonb('details').$type<Record<string, string | number | boolean | null>>(),
  },
  (t) => [
    index('audit_events_patient_idx').on(t.patientId, t.at),
    index('audit_events_actor_idx').on(t.actorUserId, t.at),
    index('audit_events_at_idx').on(t.at),
  ],
);
