import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { clinics } from './clinics.ts';
import { createdAt, id, updatedAt } from './columns.ts';
import { doctors } from './doctors.ts';
import { patients } from './patients.ts';

export const APPOINTMENT_STATUSES = ['booked', 'checked_in', 'completed', 'no_show', 'cancelled'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/**
 * Appointments. "No doctor or patient has two active appointments that overlap" is enforced by two
 * EXCLUDE USING gist constraints over tstzrange(starts_at, ends_at) for every status but `cancelled`.
 * Drizzle has no builder for them: they live in the hand-written migration `0001_appointment_overlap.sql`.
 */
export const appointments = pgTable(
  'appointments',
  {
    id: id(),
    /** Numeric id from imported sources (the no-show data's AppointmentID); null for native bookings. */
    externalId: bigint('external_id', { mode: 'number' }).unique(),
    doctorId: uuid('doctor_id')
      .notNull()
      .references(() => doctors.id, { onDelete: 'restrict' }),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id, { onDelete: 'restrict' }),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id, { onDelete: 'restrict' }),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    /**
     * False for imported visits whose source gives only the day (the no-show data): they span the clinic's
     * local day and are left out of the overlap constraints (migration 0011). Native bookings are always true.
     */
    timeKnown: boolean('time_known').notNull().default(true),
    status: text('status', { enum: APPOINTMENT_STATUSES }).notNull().default('booked'),
    reason: text('reason'),
    bookedAt: timestamp('booked_at', { withTimezone: true }).notNull().defaultNow(),
    /** Who booked: the patient themself, or staff booking for them. */
    bookedByUserId: uuid('booked_by_user_id'),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }),
    cancellationReason: text('cancellation_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('appointments_doctor_start_idx').on(t.doctorId, t.startsAt),
    index('appointments_patient_start_idx').on(t.patientId, t.startsAt),
    index('appointments_clinic_start_idx').on(t.clinicId, t.startsAt),
    check('appointments_time_order_check', sql`${t.endsAt} > ${t.startsAt}`),
    check(
      'appointments_status_check',
      sql`${t.status} in ('booked', 'checked_in', 'completed', 'no_show', 'cancelled')`,
    ),
  ],
);
