import { sql } from 'drizzle-orm';
import { check, index, integer, pgSequence, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { clinics } from './clinics.ts';
import { createdAt, id, updatedAt } from './columns.ts';
import { users } from './users.ts';

export const doctorCodeSeq = pgSequence('doctor_code_seq');

export const doctors = pgTable(
  'doctors',
  {
    id: id(),
    code: text('code')
      .notNull()
      .unique()
      .default(sql`readable_code('D', nextval('doctor_code_seq'), 4)`),
    /** The doctor's sign-in account, when they have one. */
    userId: uuid('user_id')
      .unique()
      .references(() => users.id, { onDelete: 'set null' }),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    specialty: text('specialty').notNull(),
    email: text('email'),
    phone: text('phone'),
    slotMinutes: integer('slot_minutes').notNull().default(30),
    /** Gap after each visit. */
    bufferMinutes: integer('buffer_minutes').notNull().default(0),
    /** No booking starting sooner than this after now. */
    minNoticeMinutes: integer('min_notice_minutes').notNull().default(120),
    /** No booking starting later than this many days ahead. */
    horizonDays: integer('horizon_days').notNull().default(90),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('doctors_name_idx').on(t.name, t.id),
    index('doctors_specialty_idx').on(t.specialty, t.name, t.id),
    index('doctors_clinic_idx').on(t.clinicId, t.name, t.id),
    check('doctors_slot_minutes_check', sql`${t.slotMinutes} between 5 and 480`),
    check('doctors_buffer_minutes_check', sql`${t.bufferMinutes} between 0 and 240`),
    check('doctors_min_notice_check', sql`${t.minNoticeMinutes} between 0 and 43200`),
    check('doctors_horizon_days_check', sql`${t.horizonDays} between 1 and 730`),
  ],
);
