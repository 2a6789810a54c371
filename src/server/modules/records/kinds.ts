/**
 * The six kinds of record entry, each tied to its table: how a row becomes the content readers see (and
 * revisions keep), how checked content becomes columns, and which rule checks it. Services and the
 * repository work through these specs, so amending or listing any kind is one code path.
 */
import {
  billingLines,
  clinicalNotes,
  diagnoses,
  encounters,
  labResults,
  prescriptions,
  type EntryKind,
} from '../../db/schema/index.ts';
import { formatIcd10Code, normalizeIcd10Code } from '../icd10/index.ts';
import * as rules from './rules.ts';
import type { Checked, RuleContext } from './rules.ts';
import type * as s from './schema.ts';

export type EntryTable =
  | typeof encounters
  | typeof diagnoses
  | typeof prescriptions
  | typeof labResults
  | typeof clinicalNotes
  | typeof billingLines;

/** Rule context of one entry: the encounter's time is the default time of what it holds. */
export type EntryContext = RuleContext & { encounterAt: string };

export interface KindSpec<K extends EntryKind, T extends EntryTable, C extends object, I> {
  kind: K;
  /** URL segment: `/api/v1/{path}/{id}/amendments`. */
  path: string;
  label: string;
  table: T;
  content(row: T['$inferSelect']): C;
  columns(content: C): Partial<T['$inferInsert']>;
  check(input: I, at: string, ctx: EntryContext): Checked<C>;
}

const define = <K extends EntryKind, T extends EntryTable, C extends object, I>(spec: KindSpec<K, T, C, I>) =>
  spec;
const num = (v: string | null): number | null => (v === null ? null : Number(v));
const numText = (v: number | null): string | null => (v === null ? null : String(v));

export const encounterKind = define<'encounter', typeof encounters, s.EncounterContent, s.EncounterContent>({
  kind: 'encounter',
  path: 'encounters',
  label: 'encounter',
  table: encounters,
  content: (r) => ({ occurredAt: r.occurredAt.toISOString(), reason: r.reason }),
  columns: (c) => ({ occurredAt: new Date(c.occurredAt), reason: c.reason }),
  check: (input, at, ctx) => rules.checkEncounter(input, at, ctx),
});

export const diagnosisKind = define<'diagnosis', typeof diagnoses, s.DiagnosisContent, s.DiagnosisInput>({
  kind: 'diagnosis',
  path: 'diagnoses',
  label: 'diagnosis',
  table: diagnoses,
  content: (r) => ({ code: formatIcd10Code(r.code), text: r.text }),
  columns: (c) => ({ code: normalizeIcd10Code(c.code)!, text: c.text }),
  check: (input, at, ctx) => rules.checkDiagnosis(input, at, ctx),
});

export const prescriptionKind = define<
  'prescription',
  typeof prescriptions,
  s.PrescriptionContent,
  s.PrescriptionInput
>({
  kind: 'prescription',
  path: 'prescriptions',
  label: 'prescription',
  table: prescriptions,
  content: (r) => ({
    medication: r.medication,
    dose: r.dose,
    route: r.route,
    frequency: r.frequency,
    durationDays: r.durationDays,
    instructions: r.instructions,
  }),
  columns: (c) => ({ ...c }),
  check: (input) => rules.checkPrescription(input),
});

export const labResultKind = define<'lab_result', typeof labResults, s.LabResultContent, s.LabResultInput>({
  kind: 'lab_result',
  path: 'lab-results',
  label: 'lab result',
  table: labResults,
  content: (r) => ({
    test: r.testName,
    loinc: r.loinc,
    value: r.valueNumeric === null ? (r.valueText ?? '') : Number(r.valueNumeric),
    unit: r.unit,
    referenceLow: num(r.referenceLow),
    referenceHigh: num(r.referenceHigh),
    abnormal: r.abnormal,
    observedAt: r.occurredAt.toISOString(),
  }),
  columns: (c) => ({
    testName: c.test,
    loinc: c.loinc,
    valueNumeric: typeof c.value === 'number' ? String(c.value) : null,
    valueText: typeof c.value === 'string' ? c.value : null,
    unit: c.unit,
    referenceLow: numText(c.referenceLow),
    referenceHigh: numText(c.referenceHigh),
    abnormal: c.abnormal,
    occurredAt: new Date(c.observedAt),
  }),
  check: (input, at, ctx) => rules.checkLabResult(input, at, ctx, ctx.encounterAt),
});

export const noteKind = define<'note', typeof clinicalNotes, s.NoteContent, s.NoteInput>({
  kind: 'note',
  path: 'notes',
  label: 'clinical note',
  table: clinicalNotes,
  content: (r) => ({ body: r.body }),
  columns: (c) => ({ body: c.body }),
  check: (input) => rules.checkNote(input),
});

export const billingLineKind = define<
  'billing_line',
  typeof billingLines,
  s.BillingLineContent,
  s.BillingLineInput
>({
  kind: 'billing_line',
  path: 'billing-lines',
  label: 'billing line',
  table: billingLines,
  content: (r) => ({ description: r.description, amount: r.amount, currency: r.currency }),
  columns: (c) => ({ ...c }),
  check: (input, at) => rules.checkBillingLine(input, at),
});

/** Kinds held inside an encounter, by the body field that carries them. */
export const ENTRY_FIELDS = {
  diagnoses: diagnosisKind,
  prescriptions: prescriptionKind,
  labResults: labResultKind,
  notes: noteKind,
  billingLines: billingLineKind,
} as const;
export type EntryField = keyof typeof ENTRY_FIELDS;

export const KINDS = {
  encounter: encounterKind,
  diagnosis: diagnosisKind,
  prescription: prescriptionKind,
  lab_result: labResultKind,
  note: noteKind,
  billing_line: billingLineKind,
} as const;
