/** Privacy erasure inside the clinical record: clinical facts stay, identifying text copied into them goes. */
import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import {
  billingLines,
  clinicalNotes,
  diagnoses,
  encounters,
  labResults,
  prescriptions,
  recordRevisions,
} from '../../db/schema/index.ts';
import { scrubColumns, scrubJson } from '../../db/scrub.ts';

/** Every free-text column of the record, current versions and history alike. */
const TEXT_COLUMNS = [
  [encounters, [encounters.reason, encounters.amendmentReason]],
  [diagnoses, [diagnoses.text, diagnoses.amendmentReason]],
  [
    prescriptions,
    [
      prescriptions.medication,
      prescriptions.dose,
      prescriptions.frequency,
      prescriptions.instructions,
      prescriptions.amendmentReason,
    ],
  ],
  [labResults, [labResults.testName, labResults.valueText, labResults.amendmentReason]],
  [clinicalNotes, [clinicalNotes.body, clinicalNotes.amendmentReason]],
  [billingLines, [billingLines.description, billingLines.amendmentReason]],
  [recordRevisions, [recordRevisions.reason]],
] as const;

/**
 * Scrubs the patient's identifying strings out of every version of their record. `pattern` matches them
 * in plain text, `jsonPattern` as they appear in JSON text (revision snapshots). The history triggers
 * refuse such changes except in a transaction marked as an erasure, which this one becomes.
 */
export async function scrubPatientRecords(tx: Tx, patientId: string, pattern: string, jsonPattern: string) {
  await tx.execute(sql`select set_config('healthsync.erasure', 'on', true)`);
  for (const [table, columns] of TEXT_COLUMNS)
    await scrubColumns(tx, table, eq(table.patientId, patientId), [...columns], pattern);
  const ownRevisions = eq(recordRevisions.patientId, patientId);
  await scrubJson(tx, recordRevisions, ownRevisions, recordRevisions.data, jsonPattern);
}
