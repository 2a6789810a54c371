/**
 * Test support: one clinic's worth of rows around the retention cutoffs (10 years for appointments, one
 * year for notifications, as of 2026-11-20), each labelled with whether retention may archive it.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../server/db/client.ts';
import {
  appointments,
  clinics,
  doctors,
  encounters,
  idempotencyKeys,
  notificationDeliveries,
  notificationInbox,
  notificationReminders,
  outbox,
  patients,
  ratings,
  users,
} from '../../server/db/schema/index.ts';

export interface RetentionWorld {
  clinicId: string;
  userId: string;
  appointmentIds: string[];
  archivable: { appointments: string[]; deliveries: string[]; outbox: string[] };
  keep: { appointments: string[]; deliveries: string[]; outbox: string[] };
}

const at = (iso: string): Date => new Date(iso);
const tag = (): string => randomBytes(4).toString('hex');

export async function seedRetentionWorld(db: Db): Promise<RetentionWorld> {
  const [user] = await db
    .insert(users)
    .values({
      email: `ret.${tag()}@example.org`,
      passwordHash: 'not-a-hash',
      role: 'patient',
      displayName: 'R',
    })
    .returning({ id: users.id });
  const [clinic] = await db
    .insert(clinics)
    .values({
      name: 'Retention Clinic',
      neighbourhood: 'Centro',
      timezone: 'UTC',
      emergencyPhone: '+1 555 0100',
    })
    .returning({ id: clinics.id });
  const [doctor] = await db
    .insert(doctors)
    .values({ clinicId: clinic!.id, name: 'Dr Keep', specialty: 'Cardiology' })
    .returning({ id: doctors.id });
  const [patient] = await db
    .insert(patients)
    .values({
      name: 'Pat Old',
      gender: 'F',
      birthDate: '1950-01-01',
      neighbourhood: 'Centro',
      userId: user!.id,
    })
    .returning({ id: patients.id });
  const base = { clinicId: clinic!.id, doctorId: doctor!.id, patientId: patient!.id };
  const visit = async (
    start: string,
    status: 'completed' | 'cancelled' | 'no_show' | 'booked',
    reason?: string,
  ) => {
    const startsAt = at(start);
    const [row] = await db
      .insert(appointments)
      .values({ ...base, startsAt, endsAt: new Date(startsAt.getTime() + 30 * 60_000), status, reason })
      .returning({ id: appointments.id });
    return row!.id;
  };
  const old1 = await visit('2015-03-02T13:00:00Z', 'completed', 'Check-up, "quoted" & unicode: ção');
  const old2 = await visit('2015-03-03T13:00:00Z', 'cancelled');
  const old3 = await visit('2016-01-04T09:15:00.123Z', 'no_show');
  const withRecord = await visit('2015-04-01T13:00:00Z', 'completed');
  const rated = await visit('2015-05-01T13:00:00Z', 'completed');
  const unclosed = await visit('2015-06-01T13:00:00Z', 'booked');
  const recent = await visit('2026-10-01T13:00:00Z', 'completed');
  await db
    .insert(notificationReminders)
    .values({ appointmentId: old2, startsAt: at('2015-03-03T13:00:00Z'), sent: true });
  await db
    .insert(idempotencyKeys)
    .values({ userId: user!.id, key: tag(), requestHash: 'h', appointmentId: old2 });
  await db
    .insert(encounters)
    .values({ ...base, appointmentId: withRecord, occurredAt: at('2015-04-01T13:00:00Z') });
  await db.insert(ratings).values({ ...base, appointmentId: rated, score: 5, comment: 'Kind' });
  const delivery = async (status: 'sent' | 'pending', created: string) => {
    const [row] = await db
      .insert(notificationDeliveries)
      .values({
        dedupeKey: `ret-${tag()}`,
        message: 'appointment.reminder',
        category: 'reminders',
        channel: 'in_app',
        userId: user!.id,
        address: user!.id,
        locale: 'en',
        data: { nested: { list: [1, 2.5, null] } },
        status,
        nextAttemptAt: at(created),
        createdAt: at(created),
        ...(status === 'sent' ? { sentAt: at(created) } : {}),
      })
      .returning({ id: notificationDeliveries.id });
    return row!.id;
  };
  const oldSent = await delivery('sent', '2025-01-01T08:00:00Z');
  const oldPending = await delivery('pending', '2025-01-01T08:00:00Z');
  const recentSent = await delivery('sent', '2026-11-01T08:00:00Z');
  await db.insert(notificationInbox).values({
    userId: user!.id,
    deliveryId: oldSent,
    category: 'reminders',
    title: 'Reminder',
    body: 'See you tomorrow',
    createdAt: at('2025-01-01T08:00:01Z'),
  });
  const event = async (published: boolean, created: string) => {
    const [row] = await db
      .insert(outbox)
      .values({
        topic: 'appointment.booked',
        recipientUserId: user!.id,
        payload: { a: 1 },
        createdAt: at(created),
        publishedAt: published ? at(created) : null,
      })
      .returning({ id: outbox.id });
    return row!.id;
  };
  const oldPublished = await event(true, '2025-01-01T08:00:00Z');
  const oldUnpublished = await event(false, '2025-01-01T08:00:00Z');
  const recentPublished = await event(true, '2026-11-01T08:00:00Z');
  return {
    clinicId: clinic!.id,
    userId: user!.id,
    appointmentIds: [old1, old2, old3, withRecord, rated, unclosed, recent],
    archivable: { appointments: [old1, old2, old3], deliveries: [oldSent], outbox: [oldPublished] },
    keep: {
      appointments: [withRecord, rated, unclosed, recent],
      deliveries: [oldPending, recentSent],
      outbox: [oldUnpublished, recentPublished],
    },
  };
}
