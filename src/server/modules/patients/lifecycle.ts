/**
 * Creating a patient (front desk) and erasing one on request. Erasure follows privacy law's right to be
 * forgotten with the medical-record retention duty: identity goes (name, contact, exact birth date, the
 * account), while clinical and billing facts stay under the patient's pseudonymous code.
 */
import { AppError, forbidden, notFound } from '../../../core/errors.ts';
import type { Db, Tx } from '../../db/client.ts';
import { enqueue } from '../../events/outbox.ts';
import type { Principal } from '../../http/access.ts';
import { recordAudit, type AuditContext } from '../audit/index.ts';
import { eraseRatingComments } from '../ratings/index.ts';
import { scrubPatientRecords } from '../records/index.ts';
import * as lifecycle from './lifecycle-repo.ts';
import * as repo from './repo.ts';
import type { PatientRow } from './repo.ts';
import {
  birthDateErrors,
  ERASED_NAME,
  identityValues,
  jsonEscaped,
  literalPattern,
  pseudonymBirthDate,
} from './rules.ts';
import type { Patient, PatientCreate, PatientErasure } from './schema.ts';
import { erased, toPatient } from './service.ts';

export async function createPatient(db: Db, body: PatientCreate, ctx: AuditContext): Promise<Patient> {
  const errors = birthDateErrors(body.birthDate, new Date());
  if (errors.length > 0)
    throw new AppError(422, 'patient.birth_date_future', 'Unprocessable content', {
      detail: 'A birth date is in the past.',
      errors,
    });
  return db.transaction(async (tx) => {
    const row = await lifecycle.insertPatient(tx, body);
    await recordAudit(tx, ctx, { action: 'patient.create', patientId: row.id, outcome: 'allowed' });
    return toPatient(row);
  });
}

/** The patient themself or an admin (who handles requests made at the desk or in writing). */
function assertCanErase(principal: Principal, patientId: string): void {
  if (principal.role === 'admin') return;
  if (principal.role === 'patient' && principal.patientId === patientId) return;
  throw forbidden('access.patient', "You may not erase this patient's data.");
}

/** One transaction: scrub copied text, drop comments, pseudonymise the row, delete the account, tell, audit. */
async function erase(tx: Tx, row: PatientRow, values: string[], ctx: AuditContext): Promise<PatientErasure> {
  const at = new Date();
  if (values.length > 0) {
    await scrubPatientRecords(tx, row.id, literalPattern(values), literalPattern(jsonEscaped(values)));
    await lifecycle.scrubOtherModules(tx, row.id, literalPattern(values));
  }
  await eraseRatingComments(tx, row.id);
  const pseudonym = { name: ERASED_NAME, birthDate: pseudonymBirthDate(row.birthDate) };
  await lifecycle.pseudonymise(tx, row.id, pseudonym, at);
  if (row.userId) await lifecycle.deleteAccount(tx, row.userId);
  // Modules that keep their own copies (notification addresses) forget them on this event.
  await enqueue(tx, { topic: 'patient.erased', payload: { patientId: row.id, userId: row.userId } });
  await recordAudit(tx, ctx, {
    action: 'patient.erase',
    patientId: row.id,
    outcome: 'allowed',
    details: { accountDeleted: row.userId !== null },
  });
  return { id: row.id, code: row.code, erasedAt: at.toISOString() };
}

export async function erasePatient(
  db: Db,
  principal: Principal,
  ref: string,
  ctx: AuditContext,
): Promise<PatientErasure> {
  const row = await repo.findPatient(db, ref);
  if (!row) throw notFound('patient.not_found', 'No patient has this id or code.');
  try {
    assertCanErase(principal, row.id);
  } catch (err) {
    await recordAudit(db, ctx, { action: 'patient.erase', patientId: row.id, outcome: 'denied' });
    throw err;
  }
  if (row.erasedAt) throw erased();
  const account = row.userId ? await lifecycle.accountOf(db, row.userId) : undefined;
  const { name, email, phone, address } = row;
  const values = identityValues(name, email, phone, address, account?.email, account?.displayName);
  return db.transaction((tx) => erase(tx, row, values, ctx));
}
