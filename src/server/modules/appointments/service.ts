/**
 * Booking, rescheduling, cancelling and status changes. The EXCLUDE constraints make double booking
 * impossible; this layer checks that the time is a slot the doctor offers, who may act, and writes the
 * outbox event and audit row in the same transaction as the change.
 */
import { createHash } from 'node:crypto';
import { AppError, conflict, forbidden, notFound, validationFailed } from '../../../core/errors.ts';
import { isUuid } from '../../../core/ids.ts';
import type { SchedulingSettings } from '../../config.ts';
import type { Db, Tx } from '../../db/client.ts';
import { enqueue, outboxStatement } from '../../events/outbox.ts';
import { newId } from '../../db/schema/columns.ts';
import type { Principal } from '../../http/access.ts';
import { sqlState } from '../../http/problem.ts';
import { auditStatement, recordAudit, type AuditContext } from '../audit/index.ts';
import { findDoctorRef } from '../doctors/index.ts';
import { findPatientRef } from '../patients/index.ts';
import { loadAvailability, type DoctorAvailability } from './availability.ts';
import { retryOnConflict } from '../../db/retry.ts';
import * as repo from './repo.ts';
import { hasCareRelationship } from './repo.ts';
import { checkSlot } from './rules.ts';
import type { Appointment, BookBody } from './schema.ts';

type PatientRef = NonNullable<Awaited<ReturnType<typeof findPatientRef>>>;

export interface BookingDeps {
  db: Db;
  settings: SchedulingSettings;
  now?: () => number;
}

const clock = (deps: BookingDeps) => (deps.now ?? Date.now)();

/**
 * The reason for a visit is clinical: only the patient and the appointment's own doctor see it (not
 * admins, not other doctors of the clinic on the day board).
 */
export function toAppointment(v: repo.AppointmentView, viewer: Principal): Appointment {
  const mayReadReason =
    (viewer.role === 'patient' && viewer.patientId === v.patient.id) ||
    (viewer.role === 'doctor' && viewer.doctorId === v.doctor.id);
  return {
    ...v,
    reason: mayReadReason ? v.reason : null,
    startsAt: v.startsAt.toISOString(),
    endsAt: v.endsAt.toISOString(),
    bookedAt: v.bookedAt.toISOString(),
  };
}

/** Which patient a booking is for: patients book for themselves, staff name the patient. */
async function bookingPatient(
  db: Db,
  principal: Principal,
  requested: string | undefined,
): Promise<PatientRef> {
  if (principal.role === 'patient') {
    const own = principal.patientId;
    if (!own) throw forbidden('patient.no_record', 'This account has no patient record.');
    if (requested && requested !== own) {
      const ref = await findPatientRef(db, requested);
      if (ref?.id !== own) throw forbidden('appointment.other_patient', 'Patients book only for themselves.');
    }
    const self = await findPatientRef(db, own);
    return self!;
  }
  if (!requested)
    throw validationFailed([
      { path: 'body.patientId', message: 'is required when staff book for a patient' },
    ]);
  const ref = await findPatientRef(db, requested);
  if (!ref) throw notFound('patient.not_found', 'No patient has this id or code.');
  // A booking creates a care relationship: a doctor must not create one with a stranger for himself.
  const cares = principal.doctorId ? await hasCareRelationship(db, principal.doctorId, ref.id) : false;
  if (principal.role === 'doctor' && !cares) {
    throw forbidden(
      'appointment.no_relationship',
      'Doctors book only for patients they care for; the front desk books the others.',
    );
  }
  return ref;
}

/** The requested start must be exactly a slot the doctor offers; returns its end. */
async function offeredSlotEnd(
  deps: BookingDeps,
  doctorId: string,
  start: number,
): Promise<{ end: number; clinicId: string; found: DoctorAvailability }> {
  // Busy times are not needed: the EXCLUDE constraint is the judge of overlaps.
  const [found] = await loadAvailability(deps.db, [doctorId], start - 86_400_000, start + 86_400_000, false);
  if (!found) throw notFound('doctor.not_found', 'No doctor has this id or code.');
  const end = start + found.availability.slotMinutes * 60_000;
  const check = checkSlot(found.availability, start, end, clock(deps));
  if (!check.ok) {
    throw new AppError(422, check.code, 'Unprocessable content', {
      detail: check.message,
      errors: [{ path: 'body.startsAt', message: check.message }],
    });
  }
  return { end, clinicId: found.clinicId, found };
}

/** SQLSTATE 23P01 from one of the two EXCLUDE constraints → a 409 the caller can act on. */
function overlapError(err: unknown): AppError | undefined {
  if (sqlState(err) !== '23P01') return undefined;
  const text = JSON.stringify((err as { cause?: unknown }).cause ?? {}) + String(err);
  return text.includes('patient_no_overlap')
    ? conflict('appointment.patient_busy', 'The patient already has an appointment at this time.')
    : conflict('appointment.slot_taken', 'This time was just taken: pick another slot.');
}

const requestHash = (body: BookBody) => createHash('sha256').update(JSON.stringify(body)).digest('base64url');

export interface BookResult {
  appointment: Appointment;
  /** False when an Idempotency-Key replay returned the earlier booking. */
  created: boolean;
}

export async function book(
  deps: BookingDeps,
  principal: Principal,
  body: BookBody,
  key: string | undefined,
  ctx: AuditContext,
): Promise<BookResult> {
  const doctorId = isUuid(body.doctorId) ? body.doctorId : (await findDoctorRef(deps.db, body.doctorId))?.id;
  if (!doctorId) throw notFound('doctor.not_found', 'No doctor has this id or code.');
  const start = Date.parse(body.startsAt);
  // Independent look-ups: on PostgreSQL they travel in parallel.
  const [patient, slot] = await Promise.all([
    bookingPatient(deps.db, principal, body.patientId),
    offeredSlotEnd(deps, doctorId, start),
  ]);
  const doctor = slot.found.doctor;
  try {
    const id = newId();
    const write = async (db: Db | Tx, claimId?: string) => {
      const effects = [
        outboxStatement(db, {
          topic: 'appointment.booked',
          recipientUserId: patient.userId,
          payload: { appointmentId: id, startsAt: body.startsAt },
        }),
        auditStatement(db, ctx, {
          action: 'appointment.book',
          patientId: patient.id,
          outcome: 'allowed',
          details: { appointmentId: id },
        }),
      ];
      if (claimId) effects.push(repo.settleIdempotencyKeyStatement(db, claimId, id));
      const values = {
        id,
        doctorId: doctor.id,
        patientId: patient.id,
        clinicId: slot.clinicId,
        startsAt: new Date(start),
        endsAt: new Date(slot.end),
        reason: body.reason ?? null,
        bookedByUserId: principal.userId,
      };
      return { id, ...(await repo.insertAppointmentWith(db, values, effects)) };
    };
    // Without a key the whole booking is one statement; a key needs its claim first, in a transaction.
    const result = await retryOnConflict(() =>
      key
        ? deps.db.transaction(async (tx) => {
            const claim = await repo.claimIdempotencyKey(tx, principal.userId, key, requestHash(body));
            return claim.claimed ? write(tx, claim.id) : { replayOf: claim.earlier };
          })
        : write(deps.db),
    );
    if ('replayOf' in result) return await replay(deps.db, result.replayOf, requestHash(body), principal);
    // Everything the reply shows is already known: no read-back.
    const view = {
      id: result.id,
      status: 'booked' as const,
      startsAt: new Date(start),
      endsAt: new Date(slot.end),
      reason: body.reason ?? null,
      bookedAt: result.bookedAt,
      doctor,
      clinic: slot.found.clinic,
      patient: { id: patient.id, code: patient.code, name: patient.name },
    };
    return { appointment: toAppointment(view, principal), created: true };
  } catch (err) {
    throw overlapError(err) ?? err;
  }
}

async function replay(
  db: Db,
  earlier: { requestHash: string; appointmentId: string | null },
  hash: string,
  viewer: Principal,
): Promise<BookResult> {
  if (earlier.requestHash !== hash || !earlier.appointmentId) {
    throw new AppError(422, 'idempotency.key_reused', 'Unprocessable content', {
      detail: 'This Idempotency-Key was used for a different request.',
    });
  }
  return {
    appointment: toAppointment((await repo.findView(db, earlier.appointmentId))!, viewer),
    created: false,
  };
}

async function announce(
  tx: Tx,
  topic: string,
  appointmentId: string,
  recipientUserId: string | null,
  extra: Record<string, unknown> = {},
) {
  await enqueue(tx, { topic, recipientUserId, payload: { appointmentId, ...extra } });
}

/** Patients act on their own appointments, doctors on theirs, admins on all. */
function assertParticipant(principal: Principal, row: { patientId: string; doctorId: string }): void {
  const own =
    (principal.role === 'patient' && principal.patientId === row.patientId) ||
    (principal.role === 'doctor' && principal.doctorId === row.doctorId) ||
    principal.role === 'admin';
  if (!own) throw forbidden('appointment.not_yours', 'This appointment is not yours.');
}

export async function get(db: Db, principal: Principal, id: string, ctx: AuditContext): Promise<Appointment> {
  const view = await repo.findView(db, id);
  if (!view) throw notFound('appointment.not_found', 'No such appointment.');
  try {
    assertParticipant(principal, { patientId: view.patient.id, doctorId: view.doctor.id });
  } catch (err) {
    await recordAudit(db, ctx, { action: 'appointment.read', patientId: view.patient.id, outcome: 'denied' });
    throw err;
  }
  await recordAudit(db, ctx, { action: 'appointment.read', patientId: view.patient.id, outcome: 'allowed' });
  return toAppointment(view, principal);
}

export { assertParticipant, offeredSlotEnd, overlapError, announce };
