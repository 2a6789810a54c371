/** A patient's whole record to take away (JSON), and billing totals (the one view admins get). */
import { forbidden } from '../../../core/errors.ts';
import type { Db } from '../../db/client.ts';
import type { Principal } from '../../http/access.ts';
import { recordAudit, type AuditContext } from '../audit/index.ts';
import { demographicsOf } from '../patients/index.ts';
import { ratingsGivenBy } from '../ratings/index.ts';
import { dtoOf, namesFor } from './dto.ts';
import { guardRead, patientOrThrow } from './guard.ts';
import { KINDS } from './kinds.ts';
import * as repo from './repo.ts';
import type { EncounterRecord } from './schema.ts';
import type { BillingSummary, RecordExport } from './timeline-schema.ts';
import { appointmentItemOf } from './timeline.ts';
import { appointmentsOfPatient } from './timeline-repo.ts';

/** Every encounter with the current version of what it holds, oldest first. */
async function encountersOf(db: Db, patientId: string): Promise<EncounterRecord[]> {
  const where = repo.byPatient(patientId);
  const encounters = await repo.rowsWhere(db, KINDS.encounter.table, where);
  const diagnoses = await repo.rowsWhere(db, KINDS.diagnosis.table, where);
  const prescriptions = await repo.rowsWhere(db, KINDS.prescription.table, where);
  const labResults = await repo.rowsWhere(db, KINDS.lab_result.table, where);
  const notes = await repo.rowsWhere(db, KINDS.note.table, where);
  const billingLines = await repo.rowsWhere(db, KINDS.billing_line.table, where);
  const names = await namesFor(db, [
    ...encounters,
    ...diagnoses,
    ...prescriptions,
    ...labResults,
    ...notes,
    ...billingLines,
  ]);
  const of = <R extends { encounterId: string }>(rows: R[], id: string) =>
    rows.filter((r) => r.encounterId === id);
  return encounters.map((e) => ({
    encounter: { ...dtoOf(KINDS.encounter, e, names), appointmentId: e.appointmentId },
    diagnoses: of(diagnoses, e.id).map((r) => dtoOf(KINDS.diagnosis, r, names)),
    prescriptions: of(prescriptions, e.id).map((r) => dtoOf(KINDS.prescription, r, names)),
    labResults: of(labResults, e.id).map((r) => dtoOf(KINDS.lab_result, r, names)),
    notes: of(notes, e.id).map((r) => dtoOf(KINDS.note, r, names)),
    billingLines: of(billingLines, e.id).map((r) => dtoOf(KINDS.billing_line, r, names)),
  }));
}

async function earlierVersionsOf(db: Db, patientId: string): Promise<RecordExport['earlierVersions']> {
  const revisions = await repo.revisionsOfPatient(db, patientId);
  const names = await repo.doctorNames(
    db,
    revisions.map((r) => r.doctorId),
  );
  return revisions.map((r) => ({
    kind: r.entryKind,
    entryId: r.entryId,
    version: r.version,
    content: r.data,
    writtenBy: { id: r.doctorId, name: names.get(r.doctorId) ?? '' },
    writtenAt: r.writtenAt.toISOString(),
    reason: r.reason,
  }));
}

/** The signed-in patient's own record, all of it, including earlier versions of amended entries. */
export async function exportRecord(db: Db, principal: Principal, ctx: AuditContext): Promise<RecordExport> {
  const patientId = principal.patientId;
  const patient = patientId ? await demographicsOf(db, patientId) : undefined;
  if (!patientId || !patient) throw forbidden('patient.no_record', 'This account has no patient record.');
  const visits = await appointmentsOfPatient(db, patientId);
  const result: RecordExport = {
    format: 'healthsync.record.v1',
    exportedAt: new Date().toISOString(),
    patient,
    encounters: await encountersOf(db, patientId),
    appointments: visits.map(appointmentItemOf),
    earlierVersions: await earlierVersionsOf(db, patientId),
    ratings: await ratingsGivenBy(db, patientId),
  };
  await recordAudit(db, ctx, { action: 'records.export', patientId, outcome: 'allowed' });
  return result;
}

/** Totals per currency: the patient, their doctors, and admins (billing, no clinical content). */
export async function billingSummary(
  db: Db,
  principal: Principal,
  patientRef: string,
  ctx: AuditContext,
): Promise<BillingSummary> {
  const patient = await patientOrThrow(db, patientRef);
  await guardRead(db, principal, patient.id, ctx, 'records.billing', false);
  const totals = await repo.billingTotals(db, patient.id);
  await recordAudit(db, ctx, { action: 'records.billing', patientId: patient.id, outcome: 'allowed' });
  return { patientId: patient.id, totals };
}
