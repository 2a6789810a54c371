/** Who may touch a patient's record, audited either way, and how rule violations become a 422. */
import { AppError, forbidden, notFound } from '../../../core/errors.ts';
import type { Db } from '../../db/client.ts';
import type { Principal } from '../../http/access.ts';
import { recordAudit, type AuditContext } from '../audit/index.ts';
import { assertCanRead, assertCanWrite } from '../consent/index.ts';
import { patientFacts, type PatientFacts } from '../patients/index.ts';
import type { Violation } from './rules.ts';

export async function patientOrThrow(db: Db, ref: string): Promise<PatientFacts> {
  const patient = await patientFacts(db, ref);
  if (!patient) throw notFound('patient.not_found', 'No patient has this id or code.');
  return patient;
}

/**
 * Only doctors write clinical records, and only with the patient's consent grant or emergency access.
 * A refusal is audited before it is thrown; so is a write to an erased identity (410).
 */
export async function guardWrite(
  db: Db,
  principal: Principal,
  patient: PatientFacts,
  ctx: AuditContext,
  action: string,
): Promise<string> {
  try {
    if (principal.role !== 'doctor' || !principal.doctorId)
      throw forbidden('access.role', 'Only doctors write clinical records.');
    await assertCanWrite(db, principal, patient.id);
  } catch (err) {
    await recordAudit(db, ctx, { action, patientId: patient.id, outcome: 'denied' });
    throw err;
  }
  if (patient.erasedAt)
    throw new AppError(410, 'patient.erased', 'Gone', {
      detail: "This patient's identity was erased on request: the record takes no new entries.",
    });
  return principal.doctorId;
}

/** Reads of clinical content: the patient, their doctors (or a doctor with a grant); never admins. */
export async function guardRead(
  db: Db,
  principal: Principal,
  patientId: string,
  ctx: AuditContext,
  action: string,
  clinical = true,
): Promise<void> {
  try {
    await assertCanRead(db, principal, patientId, clinical);
  } catch (err) {
    await recordAudit(db, ctx, { action, patientId, outcome: 'denied' });
    throw err;
  }
}

/** 422 naming every bad field; the problem's code is the first violation's. */
export function unprocessable(violations: Violation[]): AppError {
  const first = violations[0]!;
  return new AppError(422, first.code, 'Unprocessable content', {
    detail: violations.map((v) => `${v.path} ${v.message}`).join('; '),
    errors: violations.map(({ path, message }) => ({ path, message })),
  });
}
