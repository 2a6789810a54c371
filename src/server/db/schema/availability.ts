import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  pgTable,
  smallint,
  text,
  time,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { clinics } from './clinics.ts';
import { createdAt, id } from './columns.ts';
import { doctors } from './doctors.ts';

/** Weekly working hours in the clinic's zone; several ranges a day, so breaks are the gaps. */
export const doctorWeeklyHours = pgTable(
  'doctor_weekly_hours',
  {
    id: id(),
    doctorId: uuid('doctor_id')
      .notNull()
      .references(() => doctors.id, { onDelete: 'cascade' }),
    /** ISO weekday: 1 = Monday … 7 = Sunday. */
    weekday: smallint('weekday').notNull(),
    startTime: time('start_time').notNull(),
    endTime: time('end_time').notNull(),
  },
  (t) => [
    index('doctor_weekly_hours_doctor_idx').on(t.doctorId, t.weekday),
    check('doctor_weekly_hours_weekday_check', sql`${t.weekday} between 1 and 7`),
    check('doctor_weekly_hours_order_check', sql`${t.endTime} > ${t.startTime}`),
  ],
);

/** Date-specific hours replacing the weekly ones; a row with no times means the day is off. */
export const doctorDayOverrides = pgTable(
  'doctor_day_overrides',
  {
    id: id(),
    doctorId: uuid('doctor_id')
      .notNull()
      .references(() => doctors.id, { onDelete: 'cascade' }),
    day: date('day').notNull(),
    startTime: time('start_time'),
    endTime: time('end_time'),
  },
  (t) => [
    index('doctor_day_overrides_doctor_idx').on(t.doctorId, t.day),
    check(
      'doctor_day_overrides_times_check',
      sql`(${t.startTime} is null and ${t.endTime} is null) or (${t.startTime} is not null and ${t.endTime} > ${t.startTime})`,
    ),
  ],
);

/** Vacations, sick days: no bookings inside. */
export const doctorTimeOff = pgTable(
  'doctor_time_off',
  {
    id: id(),
    doctorId: uuid('doctor_id')
      .notNull()
      .references(() => doctors.id, { onDelete: 'cascade' }),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    reason: text('reason'),
    createdAt: createdAt(),
  },
  (t) => [
    index('doctor_time_off_doctor_idx').on(t.doctorId, t.startsAt),
    check('doctor_time_off_order_check', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/** Days a clinic is closed besides its weekly closed days. */
export const clinicHolidays = pgTable(
  'clinic_holidays',
  {
    id: id(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id, { onDelete: 'cascade' }),
    day: date('day').notNull(),
    name: text('name').notNull(),
  },
  (t) => [unique('clinic_holidays_clinic_day_key').on(t.clinicId, t.day)],
);

/** Idempotency-Key of booking requests: a retried POST returns the first answer instead of booking twice. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    id: id(),
    userId: uuid('user_id').notNull(),
    key: text('key').notNull(),
    /** Hash of the request body: the same key with a different body is a client bug, refused. */
    requestHash: text('request_hash').notNull(),
    appointmentId: uuid('appointment_id'),
    createdAt: createdAt(),
  },
  (t) => [unique('idempotency_keys_user_key').on(t.userId, t.key)],
);
