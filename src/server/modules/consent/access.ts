/**
 * The checks other modules call before touching a patient's data: care relationships and consent grants
 * decide who may read and who may write.
 */
import { forbidden } from '../../../core/errors.ts';
import type { Db } from '../../db/client.ts';
import type { Principal } from '../../http/access.ts';
import { hasCareRelationship } from '../appointments/index.ts';
import * as repo from './repo.ts';

async function hasActiveGrant(db: Db, doctorId: string, patientId: string): Promise<boolean> {
  return (await repo.activeGrants(db, new Date(), { patientId, doctorId })).length > 0;
}

/** Who may write a patient's data: the patient, or a doctor with an active consent or emergency grant. */
export async function assertCanWrite(db: Db, principal: Principal, patientId: string): Promise<void> {
  if (principal.role === 'patient' && principal.patientId === patientId) return;
  if (principal.role === 'doctor' && principal.doctorId) {
    if (await hasActiveGrant(db, principal.doctorId, patientId)) return;
    throw forbidden(
      'consent.required',
      "Writing this patient's data needs their consent (one-time code) or emergency access.",
    );
  }
  throw forbidden('access.patient', "You may not change this patient's data.");
}

/**
 * Who may read a patient's data: the patient, a doctor who cares for them (or holds an active grant,
 * e.g. emergency access), and, for demographics only, an admin.
 */
export async function assertCanRead(
  db: Db,
  principal: Principal,
  patientId: string,
  clinical: boolean,
): Promise<void> {
  if (principal.role === 'patient' && principal.patientId === patientId) return;
  if (principal.role === 'admin' && !clinical) return;
  if (principal.role === 'doctor' && principal.doctorId) {
    if (await hasCareRelationship(db, principal.doctorId, patientId)) return;
    if (await hasActiveGrant(db, principal.doctorId, patientId)) return;
  }
  throw forbidden('access.patient', "You may not see this patient's data.");
}
