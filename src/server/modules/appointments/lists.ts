/** Lists of appointments: a patient's history, a doctor's agenda, a clinic's day board. Every row shown is an audited read. */
import { DateTime } from 'luxon';
import { forbidden, notFound } from '../../../core/errors.ts';
import type { Db } from '../../db/client.ts';
import type { Principal } from '../../http/access.ts';
import { decodeCursor, toPage } from '../../http/pagination.ts';
import { recordAudits, type AuditContext } from '../audit/index.ts';
import { findClinic } from '../clinics/index.ts';
import { findDoctorRef } from '../doctors/index.ts';
import * as repo from './repo.ts';
import { toAppointment } from './service.ts';

async function audited(db: Db, ctx: AuditContext, rows: repo.AppointmentView[], action: string) {
  await recordAudits(
    db,
    ctx,
    rows.map((r) => ({
      action,
      patientId: r.patient.id,
      outcome: 'allowed' as const,
      details: { appointmentId: r.id },
    })),
  );
  const viewer = ctx.actor!;
  return rows.map((r) => toAppointment(r, viewer));
}

export async function mine(
  db: Db,
  patientId: string,
  q: { scope: 'upcoming' | 'past'; cursor?: string | undefined; limit: number },
  now: number,
  ctx: AuditContext,
) {
  const rows = await repo.patientAppointments(
    db,
    patientId,
    q.scope,
    new Date(now),
    decodeCursor(q.cursor),
    q.limit + 1,
  );
  const page = toPage(rows, q.limit, (r) => [r.startsAt.toISOString(), r.id]);
  return { items: await audited(db, ctx, page.items, 'appointment.list'), nextCursor: page.nextCursor };
}

/** Default window: today (or this week) in the clinic's zone. */
function agendaWindow(
  zone: string,
  q: { from?: string | undefined; to?: string | undefined; view: 'day' | 'week' },
  now: number,
) {
  const start = q.from
    ? Date.parse(q.from)
    : DateTime.fromMillis(now, { zone })
        .startOf(q.view === 'week' ? 'week' : 'day')
        .toMillis();
  const end = q.to
    ? Date.parse(q.to)
    : DateTime.fromMillis(start, { zone })
        .plus({ days: q.view === 'week' ? 7 : 1 })
        .toMillis();
  return { start, end: Math.min(end, start + 31 * 86_400_000) };
}

export async function agenda(
  db: Db,
  principal: Principal,
  doctorRef: string,
  q: { from?: string | undefined; to?: string | undefined; view: 'day' | 'week' },
  now: number,
  ctx: AuditContext,
) {
  const doctor = await findDoctorRef(db, doctorRef);
  if (!doctor) throw notFound('doctor.not_found', 'No doctor has this id or code.');
  if (principal.role === 'doctor' && principal.doctorId !== doctor.id)
    throw forbidden('agenda.not_yours', 'You can see only your own agenda.');
  const clinic = (await findClinic(db, doctor.clinicId))!;
  const { start, end } = agendaWindow(clinic.timezone, q, now);
  const rows = await repo.windowAppointments(db, { doctorId: doctor.id }, new Date(start), new Date(end));
  return { items: await audited(db, ctx, rows, 'appointment.agenda') };
}

/** The clinic's day board: every appointment of the local day, for admins and the clinic's own doctors. */
export async function board(
  db: Db,
  principal: Principal,
  clinicRef: string,
  date: string | undefined,
  now: number,
  ctx: AuditContext,
) {
  const clinic = await findClinic(db, clinicRef);
  if (!clinic) throw notFound('clinic.not_found', 'No clinic has this id or code.');
  if (principal.role === 'doctor') {
    const own = principal.doctorId ? await findDoctorRef(db, principal.doctorId) : undefined;
    if (own?.clinicId !== clinic.id)
      throw forbidden('board.not_your_clinic', 'You can see only the board of your clinic.');
  }
  const day = date
    ? DateTime.fromISO(date, { zone: clinic.timezone })
    : DateTime.fromMillis(now, { zone: clinic.timezone });
  const start = day.startOf('day');
  const rows = await repo.windowAppointments(
    db,
    { clinicId: clinic.id },
    start.toJSDate(),
    start.plus({ days: 1 }).toJSDate(),
  );
  return { items: await audited(db, ctx, rows, 'appointment.board') };
}
