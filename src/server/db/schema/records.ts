/**
 * The clinical record: encounters holding diagnoses, prescriptions, lab results, notes and billing lines.
 * Rows are the current version of an entry; an amendment first copies the current version into
 * `record_revisions` (append-only, migration 0006), then changes the row and bumps `version`. Entries are
 * never deleted (also refused by a trigger). `patient_id` and `occurred_at` sit on every entry so a
 * patient's timeline is one index range scan per kind.
 */
import { sql } from 'drizzle-orm';
import { ROUTES, type MedicationRoute } from '../../../core/vocab.ts';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { appointments } from './appointments.ts';
import { createdAt, id, money } from './columns.ts';
import { doctors } from './doctors.ts';
import { icd10Codes } from './icd10.ts';
import { patients } from './patients.ts';

const tz = { withTimezone: true } as const;

/** Who wrote the current version and, after an amendment, when and why it changed. */
const versioned = () => ({
  version: integer('version').notNull().default(1),
  doctorId: uuid('doctor_id')
    .notNull()
    .references(() => doctors.id, { onDelete: 'restrict' }),
  createdAt: createdAt(),
  amendedAt: timestamp('amended_at', tz),
  amendedByDoctorId: uuid('amended_by_doctor_id').references(() => doctors.id, { onDelete: 'restrict' }),
  amendmentReason: text('amendment_reason'),
});

const patientRef = () =>
  uuid('patient_id')
    .notNull()
    .references(() => patients.id, { onDelete: 'restrict' });

export const encounters = pgTable(
  'encounters',
  {
    id: id(),
    patientId: patientRef(),
    /** The visit this encounter documents, when there was one (at most one encounter per visit). */
    appointmentId: uuid('appointment_id').references(() => appointments.id, { onDelete: 'restrict' }),
    occurredAt: timestamp('occurred_at', tz).notNull(),
    /** Reason for the visit / chief complaint. */
    reason: text('reason'),
    ...versioned(),
  },
  (t) => [
    index('encounters_timeline_idx').on(t.patientId, t.occurredAt, t.id),
    uniqueIndex('encounters_appointment_key').on(t.appointmentId),
    check('encounters_reason_check', sql`length(${t.reason}) <= 2000`),
  ],
);

/** Columns every entry inside an encounter has. */
const entry = () => ({
  id: id(),
  patientId: patientRef(),
  encounterId: uuid('encounter_id')
    .notNull()
    .references(() => encounters.id, { onDelete: 'restrict' }),
  occurredAt: timestamp('occurred_at', tz).notNull(),
});

export const diagnoses = pgTable(
  'diagnoses',
  {
    ...entry(),
    /** ICD-10-CM code without the dot, e.g. `E119`. */
    code: text('code')
      .notNull()
      .references(() => icd10Codes.code, { onDelete: 'restrict' }),
    text: text('text').notNull(),
    ...versioned(),
  },
  (t) => [
    index('diagnoses_timeline_idx').on(t.patientId, t.occurredAt, t.id),
    index('diagnoses_encounter_idx').on(t.encounterId),
    index('diagnoses_code_idx').on(t.code),
    check('diagnoses_text_check', sql`length(${t.text}) between 1 and 500`),
  ],
);

export { ROUTES, type MedicationRoute };

export const prescriptions = pgTable(
  'prescriptions',
  {
    ...entry(),
    medication: text('medication').notNull(),
    dose: text('dose').notNull(),
    route: text('route', { enum: ROUTES }).notNull(),
    frequency: text('frequency').notNull(),
    durationDays: integer('duration_days'),
    instructions: text('instructions'),
    ...versioned(),
  },
  (t) => [
    index('prescriptions_timeline_idx').on(t.patientId, t.occurredAt, t.id),
    index('prescriptions_encounter_idx').on(t.encounterId),
    check(
      'prescriptions_route_check',
      sql`${t.route} in ('oral', 'sublingual', 'topical', 'transdermal', 'inhaled', 'nasal', 'ophthalmic', 'otic', 'rectal', 'vaginal', 'subcutaneous', 'intramuscular', 'intravenous', 'other')`,
    ),
    check('prescriptions_duration_check', sql`${t.durationDays} between 1 and 3650`),
  ],
);

export const labResults = pgTable(
  'lab_results',
  {
    ...entry(),
    testName: text('test_name').notNull(),
    /** LOINC code when known, e.g. `2345-7`. */
    loinc: text('loinc'),
    valueNumeric: numeric('value_numeric'),
    valueText: text('value_text'),
    unit: text('unit'),
    referenceLow: numeric('reference_low'),
    referenceHigh: numeric('reference_high'),
    abnormal: boolean('abnormal'),
    ...versioned(),
  },
  (t) => [
    index('lab_results_timeline_idx').on(t.patientId, t.occurredAt, t.id),
    index('lab_results_encounter_idx').on(t.encounterId),
    check('lab_results_one_value_check', sql`(${t.valueNumeric} is null) <> (${t.valueText} is null)`),
    check('lab_results_range_check', sql`${t.referenceLow} <= ${t.referenceHigh}`),
    check('lab_results_loinc_check', sql`${t.loinc} ~ '^[0-9]{1,7}-[0-9]$'`),
  ],
);

export const clinicalNotes = pgTable(
  'clinical_notes',
  {
    ...entry(),
    body: text('body').notNull(),
    ...versioned(),
  },
  (t) => [
    index('clinical_notes_timeline_idx').on(t.patientId, t.occurredAt, t.id),
    index('clinical_notes_encounter_idx').on(t.encounterId),
    check('clinical_notes_body_check', sql`length(${t.body}) between 1 and 20000`),
  ],
);

export const billingLines = pgTable(
  'billing_lines',
  {
    ...entry(),
    description: text('description').notNull(),
    amount: money('amount').notNull(),
    /** ISO 4217, e.g. `BRL`. */
    currency: text('currency').notNull(),
    ...versioned(),
  },
  (t) => [
    index('billing_lines_timeline_idx').on(t.patientId, t.occurredAt, t.id),
    index('billing_lines_encounter_idx').on(t.encounterId),
    check('billing_lines_amount_check', sql`${t.amount} >= 0`),
    check('billing_lines_currency_check', sql`${t.currency} ~ '^[A-Z]{3}$'`),
  ],
);

export const ENTRY_KINDS = [
  'encounter',
  'diagnosis',
  'prescription',
  'lab_result',
  'note',
  'billing_line',
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/**
 * Earlier versions of record entries, one row per superseded version: its content as it was, who wrote
 * it and when, and why (for versions after the first). Append-only (trigger in migration 0006), except
 * that a privacy erasure may scrub identifying text from it.
 */
export const recordRevisions = pgTable(
  'record_revisions',
  {
    id: id(),
    entryKind: text('entry_kind', { enum: ENTRY_KINDS }).notNull(),
    entryId: uuid('entry_id').notNull(),
    patientId: patientRef(),
    version: integer('version').notNull(),
    /** The entry's content fields at this version (money as exact decimal strings). */
    data: jsonb('data').notNull().$type<Record<string, unknown>>(),
    doctorId: uuid('doctor_id').notNull(),
    writtenAt: timestamp('written_at', tz).notNull(),
    reason: text('reason'),
    supersededAt: timestamp('superseded_at', tz).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('record_revisions_entry_version_key').on(t.entryId, t.version),
    index('record_revisions_patient_idx').on(t.patientId),
    check(
      'record_revisions_kind_check',
      sql`${t.entryKind} in ('encounter', 'diagnosis', 'prescription', 'lab_result', 'note', 'billing_line')`,
    ),
  ],
);
