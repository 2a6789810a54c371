import { sql } from 'drizzle-orm';
import { check, index, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { appointments } from './appointments.ts';
import { createdAt, id, updatedAt } from './columns.ts';
import { doctors } from './doctors.ts';
import { patients } from './patients.ts';

/**
 * A patient's rating of a doctor after a completed visit: 1–5 and an optional comment. One per visit
 * (unique appointment), editable for a week. Admins can hide a comment, with a reason; the score still counts.
 */
export const ratings = pgTable(
  'ratings',
  {
    id: id(),
    appointmentId: uuid('appointment_id')
      .notNull()
      .references(() => appointments.id, { onDelete: 'restrict' }),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id, { onDelete: 'restrict' }),
    doctorId: uuid('doctor_id')
      .notNull()
      .references(() => doctors.id, { onDelete: 'restrict' }),
    score: smallint('score').notNull(),
    comment: text('comment'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    hiddenAt: timestamp('hidden_at', { withTimezone: true }),
    hiddenReason: text('hidden_reason'),
    hiddenByUserId: uuid('hidden_by_user_id'),
  },
  (t) => [
    uniqueIndex('ratings_appointment_key').on(t.appointmentId),
    index('ratings_doctor_idx').on(t.doctorId, t.createdAt, t.id),
    index('ratings_patient_idx').on(t.patientId, t.createdAt),
    index('ratings_recent_idx').on(t.createdAt, t.id),
    check('ratings_score_check', sql`${t.score} between 1 and 5`),
    check('ratings_comment_check', sql`length(${t.comment}) <= 2000`),
    check('ratings_hidden_reason_check', sql`${t.hiddenAt} is null or length(${t.hiddenReason}) >= 5`),
  ],
);
