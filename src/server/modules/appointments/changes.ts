/** Changes to an existing appointment: reschedule (atomic), cancel, status flow. */
import { AppError, forbidden, notFound } from '../../../core/errors.ts';
import type { Tx } from '../../db/client.ts';
import type { Principal } from '../../http/access.ts';
import { recordAudit, type AuditContext } from '../audit/index.ts';
import { findPatientRef } from '../patients/index.ts';
import { retryOnConflict } from '../../db/retry.ts';
import * as repo from './repo.ts';
import type { Appointment } from './schema.ts';
import {
  announce,
  assertParticipant,
  offeredSlotEnd,
  overlapError,
  toAppointment,
  type BookingDeps,
} from './service.ts';
import { canPatientCancel, transitionAt } from './transitions.ts';

type Status = 'booked' | 'checked_in' | 'completed' | 'no_show' | 'cancelled';

async function locked(tx: Tx, principal: Principal, id: string) {
  const row = await repo.lockAppointment(tx, id);
  if (!row) throw notFound('appointment.not_found', 'No such appointment.');
  assertParticipant(principal, row);
  return row;
}

const userOfPatient = async (deps: BookingDeps, patientId: string) =>
  (await findPatientRef(deps.db, patientId))?.userId ?? null;

/**
 * Moves an appointment in one UPDATE: the EXCLUDE constraint checks the new time while the old one is
 * still held, so the old time is freed only if the new one is taken.
 */
export async function reschedule(
  deps: BookingDeps,
  principal: Principal,
  id: string,
  startsAt: string,
  ctx: AuditContext,
): Promise<Appointment> {
  const current = await repo.findView(deps.db, id);
  if (!current) throw notFound('appointment.not_found', 'No such appointment.');
  // Ownership before slot rules: a stranger learns nothing from the slot check's answer.
  assertParticipant(principal, { patientId: current.patient.id, doctorId: current.doctor.id });
  const start = Date.parse(startsAt);
  const slot = await offeredSlotEnd(deps, current.doctor.id, start);
  const recipient = await userOfPatient(deps, current.patient.id);
  try {
    await retryOnConflict(() =>
      deps.db.transaction(async (tx) => {
        const row = await locked(tx, principal, id);
        if (row.status !== 'booked') throw stateError(row.status, 'rescheduled');
        await repo.updateAppointment(tx, id, { startsAt: new Date(start), endsAt: new Date(slot.end) });
        await announce(tx, 'appointment.rescheduled', id, recipient, {
          from: row.startsAt.toISOString(),
          to: startsAt,
        });
        await recordAudit(tx, ctx, {
          action: 'appointment.reschedule',
          patientId: row.patientId,
          outcome: 'allowed',
          details: { appointmentId: id },
        });
      }),
    );
  } catch (err) {
    throw overlapError(err) ?? err;
  }
  return toAppointment((await repo.findView(deps.db, id))!, principal);
}

const stateError = (status: string, verb: string) =>
  new AppError(409, 'appointment.invalid_transition', 'Conflict', {
    detail: `A ${status} appointment cannot be ${verb}.`,
  });

export async function cancel(
  deps: BookingDeps,
  principal: Principal,
  id: string,
  reason: string | undefined,
  ctx: AuditContext,
): Promise<Appointment> {
  const now = (deps.now ?? Date.now)();
  const current = await repo.findView(deps.db, id);
  if (!current) throw notFound('appointment.not_found', 'No such appointment.');
  // Looked up before the transaction: on the single-connection embedded database a query outside an
  // open transaction would wait for it forever.
  const recipient = await userOfPatient(deps, current.patient.id);
  await retryOnConflict(() =>
    deps.db.transaction(async (tx) => {
      const row = await locked(tx, principal, id);
      const step = transitionAt(row.status, 'cancelled', row.startsAt.getTime(), now);
      if (!step.ok) throw new AppError(409, step.code, 'Conflict', { detail: step.message });
      if (
        principal.role === 'patient' &&
        !canPatientCancel(row.startsAt.getTime(), now, deps.settings.cancelCutoffMinutes)
      ) {
        const hours = Math.round(deps.settings.cancelCutoffMinutes / 60);
        throw forbidden(
          'appointment.cancel_too_late',
          `Patients can cancel up to ${String(hours)} h before the start: call the clinic.`,
        );
      }
      await repo.updateAppointment(tx, id, {
        status: 'cancelled',
        statusChangedAt: new Date(now),
        cancellationReason: reason ?? null,
      });
      await announce(tx, 'appointment.cancelled', id, recipient, { by: principal.role });
      await recordAudit(tx, ctx, {
        action: 'appointment.cancel',
        patientId: row.patientId,
        outcome: 'allowed',
        details: { appointmentId: id },
      });
    }),
  );
  return toAppointment((await repo.findView(deps.db, id))!, principal);
}

/** Check-in, completion and no-show: the doctor's (or an admin's) to record. */
export async function setStatus(
  deps: BookingDeps,
  principal: Principal,
  id: string,
  status: Exclude<Status, 'booked' | 'cancelled'>,
  ctx: AuditContext,
): Promise<Appointment> {
  if (principal.role === 'patient')
    throw forbidden('appointment.staff_only', 'Only the doctor or the clinic records this.');
  const now = (deps.now ?? Date.now)();
  await retryOnConflict(() =>
    deps.db.transaction(async (tx) => {
      const row = await locked(tx, principal, id);
      const step = transitionAt(row.status, status, row.startsAt.getTime(), now);
      if (!step.ok) throw new AppError(409, step.code, 'Conflict', { detail: step.message });
      await repo.updateAppointment(tx, id, { status, statusChangedAt: new Date(now) });
      await announce(tx, 'appointment.status_changed', id, null, { status });
      await recordAudit(tx, ctx, {
        action: 'appointment.status',
        patientId: row.patientId,
        outcome: 'allowed',
        details: { appointmentId: id, status },
      });
    }),
  );
  return toAppointment((await repo.findView(deps.db, id))!, principal);
}
