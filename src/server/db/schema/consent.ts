import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.ts';
import { doctors } from './doctors.ts';
import { patients } from './patients.ts';

export const CHALLENGE_STATUSES = ['pending', 'approved', 'denied', 'used', 'burned'] as const;
export type ChallengeStatus = (typeof CHALLENGE_STATUSES)[number];

/** A doctor's request to edit a patient's records, answered by the patient's one-time code (or a click). */
export const consentChallenges = pgTable(
  'consent_challenges',
  {
    id: id(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id, { onDelete: 'cascade' }),
    doctorId: uuid('doctor_id')
      .notNull()
      .references(() => doctors.id, { onDelete: 'cascade' }),
    /** HMAC of the 6-digit code keyed with the server secret and bound to this challenge. */
    codeHash: text('code_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    status: text('status', { enum: CHALLENGE_STATUSES }).notNull().default('pending'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('consent_challenges_patient_idx').on(t.patientId, t.createdAt),
    index('consent_challenges_doctor_idx').on(t.doctorId, t.createdAt),
    check(
      'consent_challenges_status_check',
      sql`${t.status} in ('pending', 'approved', 'denied', 'used', 'burned')`,
    ),
  ],
);

export const GRANT_KINDS = ['consent', 'emergency'] as const;
export type GrantKind = (typeof GRANT_KINDS)[number];

/** Permission for one doctor to write one patient's records until it expires or the patient revokes it. */
export const consentGrants = pgTable(
  'consent_grants',
  {
    id: id(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id, { onDelete: 'cascade' }),
    doctorId: uuid('doctor_id')
      .notNull()
      .references(() => doctors.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: GRANT_KINDS }).notNull(),
    challengeId: uuid('challenge_id').references(() => consentChallenges.id),
    /** Emergency access ("break the glass") only: the doctor's stated reason. */
    reason: text('reason'),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    index('consent_grants_pair_idx').on(t.patientId, t.doctorId, t.expiresAt),
    index('consent_grants_kind_idx').on(t.kind, t.grantedAt),
    check('consent_grants_kind_check', sql`${t.kind} in ('consent', 'emergency')`),
    check('consent_grants_reason_check', sql`${t.kind} <> 'emergency' or length(${t.reason}) >= 10`),
  ],
);
