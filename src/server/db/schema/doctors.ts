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
      .default(sql`('D' || lpad(nextval('doctor_code_seq')::text, 4, '0'))`),
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
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('doctors_name_idx').on(t.name, t.id),
    index('doctors_specialty_idx').on(t.specialty, t.name, t.id),
    index('doctors_clinic_idx').on(t.clinicId, t.name, t.id),
    check('doctors_slot_minutes_check', sql`${t.slotMinutes} between 5 and 480`),
  ],
);
