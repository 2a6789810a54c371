import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  timestamp,
  pgSequence,
  pgTable,
  smallint,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns.ts';
import { users } from './users.ts';

export const patientCodeSeq = pgSequence('patient_code_seq');

export const GENDERS = ['F', 'M', 'X'] as const;

/**
 * Patients with the Health Synth / "Medical Appointment No Shows" attributes (gender, birth date,
 * neighbourhood, scholarship, hypertension, diabetes, alcoholism, handicap 0–4) plus contact and location.
 */
export const patients = pgTable(
  'patients',
  {
    id: id(),
    code: text('code')
      .notNull()
      .unique()
      .default(sql`readable_code('P', nextval('patient_code_seq'), 4)`),
    userId: uuid('user_id')
      .unique()
      .references(() => users.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    /** F, M, or X (unspecified/other). */
    gender: text('gender', { enum: GENDERS }).notNull(),
    birthDate: date('birth_date').notNull(),
    neighbourhood: text('neighbourhood').notNull(),
    /** Enrolled in the Bolsa Família welfare programme (the source data's "Scholarship"). */
    scholarship: boolean('scholarship').notNull().default(false),
    hypertension: boolean('hypertension').notNull().default(false),
    diabetes: boolean('diabetes').notNull().default(false),
    alcoholism: boolean('alcoholism').notNull().default(false),
    /** Number of disabilities, 0–4 (the source data's "Handcap"). */
    handicap: smallint('handicap').notNull().default(0),
    email: text('email'),
    phone: text('phone'),
    address: text('address'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    /** Set by a privacy erasure: identity fields are gone, clinical and billing facts stay (pseudonymous). */
    erasedAt: timestamp('erased_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('patients_name_idx').on(t.name, t.id),
    index('patients_neighbourhood_idx').on(t.neighbourhood),
    check('patients_gender_check', sql`${t.gender} in ('F', 'M', 'X')`),
    check('patients_handicap_check', sql`${t.handicap} between 0 and 4`),
    check('patients_birth_date_check', sql`${t.birthDate} >= date '1900-01-01'`),
    check('patients_latitude_check', sql`${t.latitude} between -90 and 90`),
    check('patients_longitude_check', sql`${t.longitude} between -180 and 180`),
    // An erased identity can never be linked to an account again (e.g. claimed by its patient code).
    check('patients_erased_unlinked_check', sql`${t.erasedAt} is null or ${t.userId} is null`),
  ],
);
