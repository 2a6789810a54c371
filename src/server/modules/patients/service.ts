import { AppError, forbidden, notFound } from '../../../core/errors.ts';
import type { Page } from '../../../core/pagination.ts';
import type { Db } from '../../db/client.ts';
import type { Principal } from '../../http/access.ts';
import { decodeCursor, toPage } from '../../http/pagination.ts';
import { recordAudit, recordAudits, type AuditContext } from '../audit/index.ts';
import { assertCanRead, assertCanWrite } from '../consent/index.ts';
import * as repo from './repo.ts';
import { birthDateErrors, clinicalFieldsIn } from './rules.ts';
import type { Patient, PatientListQuery, PatientUpdate } from './schema.ts';

export function toPatient(r: repo.PatientRow): Patient {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    gender: r.gender,
    birthDate: r.birthDate,
    neighbourhood: r.neighbourhood,
    scholarship: r.scholarship,
    hypertension: r.hypertension,
    diabetes: r.diabetes,
    alcoholism: r.alcoholism,
    handicap: r.handicap,
    email: r.email,
    phone: r.phone,
    address: r.address,
    hasAccount: r.userId !== null,
    erasedAt: r.erasedAt?.toISOString() ?? null,
  };
}

async function patientOrThrow(db: Db, ref: string) {
  const row = await repo.findPatient(db, ref);
  if (!row) throw notFound('patient.not_found', 'No patient has this id or code.');
  return row;
}

/** Reads are audited whether allowed or denied. */
async function guardedRead(
  db: Db,
  principal: Principal,
  patientId: string,
  ctx: AuditContext,
  action: string,
) {
  try {
    await assertCanRead(db, principal, patientId, false);
  } catch (err) {
    await recordAudit(db, ctx, { action, patientId, outcome: 'denied' });
    throw err;
  }
  await recordAudit(db, ctx, { action, patientId, outcome: 'allowed' });
}

export async function getPatient(
  db: Db,
  principal: Principal,
  ref: string,
  ctx: AuditContext,
): Promise<Patient> {
  const row = await patientOrThrow(db, ref);
  await guardedRead(db, principal, row.id, ctx, 'patient.read');
  return toPatient(row);
}

/** Doctors list the patients they care for; admins all patients; each listed patient is an audited read. */
export async function listPatients(
  db: Db,
  principal: Principal,
  query: PatientListQuery,
  ctx: AuditContext,
): Promise<Page<Patient>> {
  if (principal.role === 'doctor' && !principal.doctorId)
    throw forbidden('doctor.no_record', 'This account has no doctor record.');
  const rows = await repo.listPatients(db, {
    doctorId: principal.role === 'doctor' ? principal.doctorId! : undefined,
    q: query.q,
    after: decodeCursor(query.cursor),
    limit: query.limit + 1,
  });
  const page = toPage(rows, query.limit, (r) => [r.name, r.id]);
  await recordAudits(
    db,
    ctx,
    page.items.map((p) => ({ action: 'patient.list', patientId: p.id, outcome: 'allowed' as const })),
  );
  return { items: page.items.map(toPatient), nextCursor: page.nextCursor };
}

export async function updatePatient(
  db: Db,
  principal: Principal,
  ref: string,
  changes: PatientUpdate,
  ctx: AuditContext,
) {
  const row = await patientOrThrow(db, ref);
  try {
    await assertCanUpdate(db, principal, row.id, changes);
  } catch (err) {
    await recordAudit(db, ctx, { action: 'patient.update', patientId: row.id, outcome: 'denied' });
    throw err;
  }
  if (row.erasedAt) throw erased();
  const errors = birthDateErrors(changes.birthDate, new Date());
  if (errors.length > 0)
    throw new AppError(422, 'patient.birth_date_future', 'Unprocessable content', {
      detail: 'A birth date is in the past.',
      errors,
    });
  return db.transaction(async (tx) => {
    const updated = await repo.updatePatient(tx, row.id, changes);
    await recordAudit(tx, ctx, {
      action: 'patient.update',
      patientId: row.id,
      outcome: 'allowed',
      details: { fields: Object.keys(changes).sort().join(',') },
    });
    return toPatient(updated);
  });
}

/** Patients and doctors with consent change any field; admins (front desk) all but the health attributes. */
async function assertCanUpdate(db: Db, principal: Principal, patientId: string, changes: PatientUpdate) {
  if (principal.role !== 'admin') return assertCanWrite(db, principal, patientId);
  if (clinicalFieldsIn(changes).length > 0)
    throw forbidden(
      'patient.clinical_fields',
      'Health attributes are changed by the patient or their doctor.',
    );
}

export const erased = (): AppError =>
  new AppError(410, 'patient.erased', 'Gone', {
    detail: "This patient's identity was erased on request: the record takes no new data.",
  });

/** A patient's demographics for modules that hand a patient their own data (the record export). */
export async function demographicsOf(db: Db, id: string): Promise<Patient | undefined> {
  const row = await repo.findPatient(db, id);
  return row && toPatient(row);
}
