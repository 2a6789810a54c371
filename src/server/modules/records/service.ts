/** Writing and reading encounters with what they hold: consent checked, input checked, all audited. */
import { conflict, notFound } from '../../../core/errors.ts';
import type { Db, Tx } from '../../db/client.ts';
import { newId } from '../../db/schema/columns.ts';
import { encounters, type EntryKind } from '../../db/schema/index.ts';
import type { Principal } from '../../http/access.ts';
import { sqlState } from '../../http/problem.ts';
import { visitFacts } from '../appointments/index.ts';
import { recordAudit, type AuditContext } from '../audit/index.ts';
import { describeCodes, normalizeIcd10Code } from '../icd10/index.ts';
import type { PatientFacts } from '../patients/index.ts';
import { dtoOf, namesFor } from './dto.ts';
import { guardRead, guardWrite, patientOrThrow, unprocessable } from './guard.ts';
import {
  billingLineKind,
  diagnosisKind,
  encounterKind,
  labResultKind,
  noteKind,
  prescriptionKind,
  type EntryContext,
  type EntryTable,
  type KindSpec,
} from './kinds.ts';
import * as repo from './repo.ts';
import { checkVisitLink, type Violation } from './rules.ts';
import type { EncounterCreate, EncounterRecord, EntryArrays } from './schema.ts';

type EncounterRow = typeof encounters.$inferSelect;

function checkList<K extends EntryKind, T extends EntryTable, C extends object, I>(
  spec: KindSpec<K, T, C, I>,
  inputs: I[] | undefined,
  at: string,
  ctx: EntryContext,
  violations: Violation[],
): C[] {
  const out: C[] = [];
  (inputs ?? []).forEach((input, i) => {
    const result = spec.check(input, `${at}.${String(i)}`, ctx);
    if (result.ok) out.push(result.value);
    else violations.push(...result.violations);
  });
  return out;
}

/** Every entry of the body checked; all violations gathered, so one answer names every bad field. */
function checkEntries(body: EntryArrays, ctx: EntryContext, violations: Violation[]) {
  return {
    diagnoses: checkList(diagnosisKind, body.diagnoses, 'body.diagnoses', ctx, violations),
    prescriptions: checkList(prescriptionKind, body.prescriptions, 'body.prescriptions', ctx, violations),
    labResults: checkList(labResultKind, body.labResults, 'body.labResults', ctx, violations),
    notes: checkList(noteKind, body.notes, 'body.notes', ctx, violations),
    billingLines: checkList(billingLineKind, body.billingLines, 'body.billingLines', ctx, violations),
  };
}
type CheckedEntries = ReturnType<typeof checkEntries>;

/** The rule context: the clock, the patient's birth date, and the official text of the codes sent. */
async function contextFor(db: Db, patient: PatientFacts, body: EntryArrays, encounterAt: string) {
  const codes = (body.diagnoses ?? []).flatMap((d) => normalizeIcd10Code(d.code) ?? []);
  const icd = await describeCodes(db, codes);
  return { now: new Date(), birthDate: patient.birthDate, icd, encounterAt };
}

interface Base {
  patientId: string;
  encounterId: string;
  doctorId: string;
  occurredAt: Date;
}

function insertList<K extends EntryKind, T extends EntryTable, C extends object, I>(
  tx: Tx,
  spec: KindSpec<K, T, C, I>,
  contents: C[],
  base: Base,
) {
  const rows = contents.map((c) => ({ id: newId(), ...base, ...spec.columns(c) }));
  return repo.insertRows(tx, spec.table, rows);
}

async function insertEntries(tx: Tx, entries: CheckedEntries, base: Base): Promise<number> {
  const inserted = [
    await insertList(tx, diagnosisKind, entries.diagnoses, base),
    await insertList(tx, prescriptionKind, entries.prescriptions, base),
    await insertList(tx, labResultKind, entries.labResults, base),
    await insertList(tx, noteKind, entries.notes, base),
    await insertList(tx, billingLineKind, entries.billingLines, base),
  ];
  return inserted.reduce((n, rows) => n + rows.length, 0);
}

/** An encounter with the current version of everything it holds. */
export async function recordOf(db: Db | Tx, encounter: EncounterRow): Promise<EncounterRecord> {
  const where = repo.byEncounter(encounter.id);
  const [diagnoses, prescriptions, labResults, notes, billingLines] = [
    await repo.rowsWhere(db, diagnosisKind.table, where),
    await repo.rowsWhere(db, prescriptionKind.table, where),
    await repo.rowsWhere(db, labResultKind.table, where),
    await repo.rowsWhere(db, noteKind.table, where),
    await repo.rowsWhere(db, billingLineKind.table, where),
  ];
  const names = await namesFor(db, [
    encounter,
    ...diagnoses,
    ...prescriptions,
    ...labResults,
    ...notes,
    ...billingLines,
  ]);
  return {
    encounter: { ...dtoOf(encounterKind, encounter, names), appointmentId: encounter.appointmentId },
    diagnoses: diagnoses.map((r) => dtoOf(diagnosisKind, r, names)),
    prescriptions: prescriptions.map((r) => dtoOf(prescriptionKind, r, names)),
    labResults: labResults.map((r) => dtoOf(labResultKind, r, names)),
    notes: notes.map((r) => dtoOf(noteKind, r, names)),
    billingLines: billingLines.map((r) => dtoOf(billingLineKind, r, names)),
  };
}

type NewEncounter = Omit<typeof encounters.$inferInsert, 'id'>;

/** The encounter, what it holds, and the audit row, in one transaction; a second encounter of one visit is 409. */
async function insertEncounter(db: Db, values: NewEncounter, entries: CheckedEntries, ctx: AuditContext) {
  try {
    return await db.transaction(async (tx) => {
      const [row] = await repo.insertRows(tx, encounters, [{ id: newId(), ...values }]);
      const { patientId, doctorId, occurredAt } = row!;
      const count = await insertEntries(tx, entries, {
        patientId,
        doctorId,
        occurredAt,
        encounterId: row!.id,
      });
      await recordAudit(tx, ctx, {
        action: 'records.write',
        patientId,
        outcome: 'allowed',
        details: { encounterId: row!.id, entries: count },
      });
      return recordOf(tx, row!);
    });
  } catch (err) {
    if (sqlState(err) === '23505')
      throw conflict('encounter.exists', 'This appointment already has its encounter.');
    throw err;
  }
}

export async function createEncounter(
  db: Db,
  principal: Principal,
  patientRef: string,
  body: EncounterCreate,
  ctx: AuditContext,
): Promise<EncounterRecord> {
  const patient = await patientOrThrow(db, patientRef);
  const doctorId = await guardWrite(db, principal, patient, ctx, 'records.write');
  const visit = body.appointmentId ? await visitFacts(db, body.appointmentId) : undefined;
  const occurredAt = body.occurredAt ?? visit?.startsAt.toISOString() ?? new Date().toISOString();
  const rules = await contextFor(db, patient, body, occurredAt);
  const violations = body.appointmentId ? checkVisitLink(visit, patient.id, 'body.appointmentId') : [];
  const encounter = encounterKind.check({ occurredAt, reason: body.reason ?? null }, 'body', rules);
  if (!encounter.ok) violations.push(...encounter.violations);
  const entries = checkEntries(body, rules, violations);
  if (!encounter.ok || violations.length > 0) throw unprocessable(violations);
  const { reason } = encounter.value;
  const at = new Date(encounter.value.occurredAt);
  const values = {
    patientId: patient.id,
    doctorId,
    appointmentId: body.appointmentId,
    occurredAt: at,
    reason,
  };
  return insertEncounter(db, values, entries, ctx);
}

async function encounterOrThrow(db: Db, id: string): Promise<EncounterRow> {
  const row = await repo.findRow(db, encounters, id);
  if (!row) throw notFound('encounter.not_found', 'No encounter has this id.');
  return row;
}

/** Later additions to an encounter (lab results that came back, a note, a billing line). */
export async function addEntries(
  db: Db,
  principal: Principal,
  encounterId: string,
  body: EntryArrays,
  ctx: AuditContext,
): Promise<EncounterRecord> {
  const encounter = await encounterOrThrow(db, encounterId);
  const patient = await patientOrThrow(db, encounter.patientId);
  const doctorId = await guardWrite(db, principal, patient, ctx, 'records.write');
  const rules = await contextFor(db, patient, body, encounter.occurredAt.toISOString());
  const violations: Violation[] = [];
  const entries = checkEntries(body, rules, violations);
  if (violations.length > 0) throw unprocessable(violations);
  return db.transaction(async (tx) => {
    const base = { patientId: patient.id, encounterId, doctorId, occurredAt: encounter.occurredAt };
    const count = await insertEntries(tx, entries, base);
    await recordAudit(tx, ctx, {
      action: 'records.write',
      patientId: patient.id,
      outcome: 'allowed',
      details: { encounterId, entries: count },
    });
    return recordOf(tx, encounter);
  });
}

export async function getEncounter(
  db: Db,
  principal: Principal,
  id: string,
  ctx: AuditContext,
): Promise<EncounterRecord> {
  const encounter = await encounterOrThrow(db, id);
  await guardRead(db, principal, encounter.patientId, ctx, 'records.read');
  const record = await recordOf(db, encounter);
  await recordAudit(db, ctx, {
    action: 'records.read',
    patientId: encounter.patientId,
    outcome: 'allowed',
    details: { encounterId: id },
  });
  return record;
}
