/** zod contracts of the clinical record: what doctors send, and what readers get back. */
import { z } from 'zod';
import { idOrCode } from '../ids.ts';
import { ROUTES } from '../vocab.ts';

export const instant = z.iso
  .datetime({ offset: true })
  .describe('ISO 8601 with offset, e.g. 2026-03-02T14:30:00-03:00');
const line = (max: number) => z.string().trim().min(1).max(max);

// ---- What doctors send -------------------------------------------------------------------------

export const encounterFields = z.object({
  occurredAt: instant.describe('When the encounter took place. Default: the appointment’s start, or now.'),
  reason: line(2000).nullable().describe('Reason for the visit, chief complaint.'),
});

export const diagnosisInput = z
  .object({
    code: line(10).describe('ICD-10-CM FY2026 billable code, with or without the dot: `E11.9`.'),
    text: line(500).optional().describe('Default: the code’s official description.'),
  })
  .meta({ id: 'NewDiagnosis' });
export type DiagnosisInput = z.infer<typeof diagnosisInput>;

export const prescriptionInput = z
  .object({
    medication: line(200).describe('Medicine and strength, e.g. `Metformin 500 mg tablet`.'),
    dose: line(100).describe('Amount per administration, e.g. `1 tablet`.'),
    route: z.enum(ROUTES),
    frequency: line(100).describe('e.g. `twice a day with meals`.'),
    durationDays: z.number().int().min(1).max(3650).nullable().optional(),
    instructions: line(2000).nullable().optional(),
  })
  .meta({ id: 'NewPrescription' });
export type PrescriptionInput = z.infer<typeof prescriptionInput>;

export const labResultInput = z
  .object({
    test: line(200).describe('Test name as reported, e.g. `Glucose, fasting`.'),
    loinc: line(10).nullable().optional().describe('LOINC code when known, e.g. `2345-7`.'),
    value: z
      .union([z.number(), line(200)])
      .describe('A JSON number for a measured value (with its unit); text for a qualitative result.'),
    unit: line(30).nullable().optional().describe('UCUM unit of a numeric value, e.g. `mg/dL`.'),
    referenceLow: z.number().nullable().optional(),
    referenceHigh: z.number().nullable().optional(),
    abnormal: z
      .boolean()
      .nullable()
      .optional()
      .describe('Computed from the reference range when there is one; must agree with it if sent.'),
    observedAt: instant.optional().describe('When the specimen was taken. Default: the encounter time.'),
  })
  .meta({ id: 'NewLabResult' });
export type LabResultInput = z.infer<typeof labResultInput>;

export const noteInput = z.object({ body: line(20_000) }).meta({ id: 'NewClinicalNote' });
export type NoteInput = z.infer<typeof noteInput>;

export const billingLineInput = z
  .object({
    description: line(200),
    amount: z
      .union([z.string().max(40), z.number()])
      .describe('Exact decimal, not negative, at most 2 places: send a string such as "150.00".'),
    currency: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{3}$/, 'must be a 3-letter ISO 4217 code'),
  })
  .meta({ id: 'NewBillingLine' });
export type BillingLineInput = z.infer<typeof billingLineInput>;

const entryArrays = {
  diagnoses: z.array(diagnosisInput).max(50).optional(),
  prescriptions: z.array(prescriptionInput).max(50).optional(),
  labResults: z.array(labResultInput).max(200).optional(),
  notes: z.array(noteInput).max(20).optional(),
  billingLines: z.array(billingLineInput).max(100).optional(),
};
export type EntryArrays = { [K in keyof typeof entryArrays]?: z.infer<(typeof entryArrays)[K]> };

export const encounterCreate = z
  .object({
    occurredAt: encounterFields.shape.occurredAt.optional(),
    appointmentId: z
      .uuid()
      .optional()
      .describe('The visit this encounter documents (one encounter per visit).'),
    reason: line(2000).optional().describe('Reason for the visit, chief complaint.'),
    ...entryArrays,
  })
  .meta({ id: 'EncounterCreate' });
export type EncounterCreate = z.infer<typeof encounterCreate>;

export const entriesCreate = z
  .object(entryArrays)
  .refine((v) => Object.values(v).some((list) => list.length > 0), 'give at least one entry')
  .meta({ id: 'EntriesCreate' });

// ---- What readers get -----------------------------------------------------------------------------

export const person = z.object({ id: z.uuid(), name: z.string() });

export const encounterContent = z.object({ occurredAt: instant, reason: z.string().nullable() });
export const diagnosisContent = z.object({ code: z.string().describe('With the dot.'), text: z.string() });
export const prescriptionContent = z.object({
  medication: z.string(),
  dose: z.string(),
  route: z.enum(ROUTES),
  frequency: z.string(),
  durationDays: z.number().int().nullable(),
  instructions: z.string().nullable(),
});
export const labResultContent = z.object({
  test: z.string(),
  loinc: z.string().nullable(),
  value: z.union([z.number(), z.string()]),
  unit: z.string().nullable(),
  referenceLow: z.number().nullable(),
  referenceHigh: z.number().nullable(),
  abnormal: z.boolean().nullable(),
  observedAt: instant,
});
export const noteContent = z.object({ body: z.string() });
export const billingLineContent = z.object({
  description: z.string(),
  amount: z.string().describe('Exact decimal with two places, e.g. "150.00".'),
  currency: z.string(),
});

export type EncounterContent = z.infer<typeof encounterContent>;
export type DiagnosisContent = z.infer<typeof diagnosisContent>;
export type PrescriptionContent = z.infer<typeof prescriptionContent>;
export type LabResultContent = z.infer<typeof labResultContent>;
export type NoteContent = z.infer<typeof noteContent>;
export type BillingLineContent = z.infer<typeof billingLineContent>;

/** Who wrote the entry and, once amended, the latest amendment (older versions: its history). */
export const entryMeta = z.object({
  id: z.uuid(),
  patientId: z.uuid(),
  encounterId: z.uuid(),
  occurredAt: instant,
  version: z.number().int(),
  recordedBy: person,
  recordedAt: instant,
  amended: z.object({ at: instant, by: person, reason: z.string() }).nullable(),
});
export type EntryMeta = z.infer<typeof entryMeta>;

const dto = <K extends string, S extends z.ZodRawShape>(kind: K, content: z.ZodObject<S>, id: string) =>
  z.object({ kind: z.literal(kind), ...entryMeta.shape, ...content.shape }).meta({ id });

export const encounterSchema = dto(
  'encounter',
  encounterContent.extend({ appointmentId: z.uuid().nullable() }),
  'Encounter',
);
export const diagnosisSchema = dto('diagnosis', diagnosisContent, 'Diagnosis');
export const prescriptionSchema = dto('prescription', prescriptionContent, 'Prescription');
export const labResultSchema = dto('lab_result', labResultContent, 'LabResult');
export const noteSchema = dto('note', noteContent, 'ClinicalNote');
export const billingLineSchema = dto('billing_line', billingLineContent, 'BillingLine');

export const encounterRecord = z
  .object({
    encounter: encounterSchema,
    diagnoses: z.array(diagnosisSchema),
    prescriptions: z.array(prescriptionSchema),
    labResults: z.array(labResultSchema),
    notes: z.array(noteSchema),
    billingLines: z.array(billingLineSchema),
  })
  .meta({ id: 'EncounterRecord' });
export type EncounterRecord = z.infer<typeof encounterRecord>;

export const encounterParams = z.object({ id: z.uuid() });
export const entryParams = z.object({ id: z.uuid() });
export const patientParams = z.object({ id: idOrCode('P') });
