import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  pgSequence,
  pgTable,
  text,
} from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns.ts';

export const clinicCodeSeq = pgSequence('clinic_code_seq');

export const clinics = pgTable(
  'clinics',
  {
    id: id(),
    /** Human-readable code (`C001`), unique; imports may bring their own. */
    code: text('code')
      .notNull()
      .unique()
      .default(sql`readable_code('C', nextval('clinic_code_seq'), 3)`),
    name: text('name').notNull(),
    neighbourhood: text('neighbourhood').notNull(),
    address: text('address'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    /** IANA zone: all local times (hours, reminders, weekend notices) are in it. */
    timezone: text('timezone').notNull(),
    /** Patients the clinic can see per day. */
    capacity: integer('capacity').notNull().default(100),
    emergencyPhone: text('emergency_phone').notNull(),
    closedOnWeekends: boolean('closed_on_weekends').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('clinics_name_idx').on(t.name, t.id),
    check('clinics_capacity_check', sql`${t.capacity} > 0`),
    check('clinics_latitude_check', sql`${t.latitude} between -90 and 90`),
    check('clinics_longitude_check', sql`${t.longitude} between -180 and 180`),
  ],
);
