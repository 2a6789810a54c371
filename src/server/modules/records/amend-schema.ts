/** zod contracts of amendments and entry histories, one pair per kind of entry. */
import { z } from 'zod';
import {
  billingLineContent,
  billingLineInput,
  diagnosisContent,
  diagnosisInput,
  encounterContent,
  encounterFields,
  instant,
  labResultContent,
  labResultInput,
  noteContent,
  noteInput,
  person,
  prescriptionContent,
  prescriptionInput,
} from './schema.ts';

// ---- Amendments and history ----------------------------------------------------------------------

const amendment = <S extends z.ZodRawShape>(changes: z.ZodObject<S>, id: string) =>
  z
    .object({
      version: z.number().int().min(1).describe('The version being corrected: a stale one is refused (409).'),
      reason: z.string().trim().min(5).max(500).describe('Why it changes; kept with the history.'),
      changes: changes
        .partial()
        .refine((v) => Object.keys(v).length > 0, 'give at least one field to change'),
    })
    .meta({ id });

export const amendments = {
  encounter: amendment(encounterFields, 'EncounterAmendment'),
  diagnosis: amendment(diagnosisInput, 'DiagnosisAmendment'),
  prescription: amendment(prescriptionInput, 'PrescriptionAmendment'),
  lab_result: amendment(labResultInput, 'LabResultAmendment'),
  note: amendment(noteInput, 'NoteAmendment'),
  billing_line: amendment(billingLineInput, 'BillingLineAmendment'),
};

const historyOf = <K extends string, S extends z.ZodRawShape>(kind: K, content: z.ZodObject<S>, id: string) =>
  z
    .object({
      kind: z.literal(kind),
      id: z.uuid(),
      versions: z.array(
        z.object({
          version: z.number().int(),
          content,
          writtenBy: person,
          writtenAt: instant,
          reason: z
            .string()
            .nullable()
            .describe('Why this version replaced the one before; null for the first.'),
          changed: z.array(z.string()).describe('Fields that differ from the version before.'),
        }),
      ),
    })
    .meta({ id });

export const histories = {
  encounter: historyOf('encounter', encounterContent, 'EncounterHistory'),
  diagnosis: historyOf('diagnosis', diagnosisContent, 'DiagnosisHistory'),
  prescription: historyOf('prescription', prescriptionContent, 'PrescriptionHistory'),
  lab_result: historyOf('lab_result', labResultContent, 'LabResultHistory'),
  note: historyOf('note', noteContent, 'ClinicalNoteHistory'),
  billing_line: historyOf('billing_line', billingLineContent, 'BillingLineHistory'),
};
