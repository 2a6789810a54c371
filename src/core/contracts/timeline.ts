/** zod contracts of the timeline, billing totals and the record export. */
import { z } from 'zod';
import { page, pageQuery } from '../pagination.ts';
import { patientSchema } from './patients.ts';
import { ratingSchema } from './ratings.ts';
import {
  billingLineSchema,
  diagnosisSchema,
  encounterRecord,
  encounterSchema,
  instant,
  labResultSchema,
  noteSchema,
  person,
  prescriptionSchema,
} from './records.ts';

// ---- Timeline -------------------------------------------------------------------------------------

export const TIMELINE_KINDS = [
  'appointment',
  'encounter',
  'diagnosis',
  'prescription',
  'lab_result',
  'note',
  'billing_line',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export const appointmentItem = z
  .object({
    kind: z.literal('appointment'),
    id: z.uuid(),
    patientId: z.uuid(),
    occurredAt: instant.describe('The appointment’s start.'),
    status: z.enum(['booked', 'checked_in', 'completed', 'no_show', 'cancelled']),
    reason: z.string().nullable(),
    doctor: person,
  })
  .meta({ id: 'TimelineAppointment' });

export const timelineItem = z
  .discriminatedUnion('kind', [
    appointmentItem,
    encounterSchema,
    diagnosisSchema,
    prescriptionSchema,
    labResultSchema,
    noteSchema,
    billingLineSchema,
  ])
  .meta({ id: 'TimelineItem' });
export type TimelineItem = z.infer<typeof timelineItem>;

const KIND_LIST_RE = new RegExp(`^(?:${TIMELINE_KINDS.join('|')})(?:,(?:${TIMELINE_KINDS.join('|')}))*$`);

export const timelineQuery = pageQuery.extend({
  kind: z
    .string()
    .regex(KIND_LIST_RE, `must be a comma-separated list of ${TIMELINE_KINDS.join(', ')}`)
    .optional()
    .describe('Only these kinds, comma-separated, e.g. `diagnosis,lab_result`.'),
  from: instant.optional().describe('Entries at or after this instant.'),
  to: instant.optional().describe('Entries before this instant.'),
});
export type TimelineQuery = z.infer<typeof timelineQuery>;

export const timelinePage = page(timelineItem).meta({ id: 'TimelinePage' });

// ---- Billing and export -------------------------------------------------------------------------

export const billingSummary = z
  .object({
    patientId: z.uuid(),
    totals: z.array(
      z.object({
        currency: z.string(),
        amount: z.string().describe('Exact decimal sum of the current versions of the lines.'),
        lines: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'BillingSummary' });
export type BillingSummary = z.infer<typeof billingSummary>;

/** Schemas of other modules are taken lazily: their modules import this one's index too. */
export const recordExport = z
  .object({
    format: z.literal('healthsync.record.v1'),
    exportedAt: instant,
    patient: z.lazy(() => patientSchema),
    encounters: z.array(encounterRecord),
    appointments: z.array(appointmentItem),
    earlierVersions: z.array(
      z.object({
        kind: z.enum(['encounter', 'diagnosis', 'prescription', 'lab_result', 'note', 'billing_line']),
        entryId: z.uuid(),
        version: z.number().int(),
        content: z.record(z.string(), z.unknown()),
        writtenBy: person,
        writtenAt: instant,
        reason: z.string().nullable(),
      }),
    ),
    ratings: z.array(z.lazy(() => ratingSchema)),
  })
  .meta({ id: 'RecordExport' });
export type RecordExport = z.infer<typeof recordExport>;
