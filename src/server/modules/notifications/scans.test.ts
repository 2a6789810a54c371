/** Reminders and closed-day notices on a fake clock, against a real database and real peers. */
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/helpers/db.ts';
import { createCast, type Cast } from '../../../../test/helpers/fixtures.ts';
import type { Database } from '../../db/client.ts';
import {
  appointments,
  clinicHolidays,
  clinicNotificationChannels,
  clinics,
  doctors,
  notificationDeliveries as deliveries,
  patients,
} from '../../db/schema/index.ts';
import { enqueue } from '../../events/outbox.ts';
import type { NotifyDeps } from './context.ts';
import { scanClosedDays, scanReminders } from './scans.ts';
import { drain, FakeClock, notifyDepsFor, peerSettings, startPeers, type Peers } from './test-support.ts';

let database: Database;
let cast: Cast;
let peers: Peers;
let deps: NotifyDeps & { close(): Promise<void> };
let walkIn: string;
const clock = new FakeClock('2026-03-03T12:00:00Z');
const LONG_AGO = new Date('2026-02-01T12:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  cast = await createCast(database.db);
  peers = await startPeers();
  deps = notifyDepsFor(database.db, peerSettings(peers), clock);
  // A patient without an account, reachable by SMS and email from the clinic's record.
  const [p] = await database.db
    .insert(patients)
    .values({
      name: 'Rui Alves',
      gender: 'M',
      birthDate: '1960-01-01',
      neighbourhood: 'Centro',
      phone: '+5527988887777',
      email: 'rui@example.org',
    })
    .returning();
  walkIn = p!.id;
});
afterAll(async () => {
  await deps.close();
  await peers.close();
  await database.close();
});

async function book(
  startsAt: string,
  patientId: string,
  doctorId = cast.doctorA.id,
  clinicId = cast.clinicId,
) {
  const start = new Date(startsAt);
  const [row] = await database.db
    .insert(appointments)
    .values({
      doctorId,
      patientId,
      clinicId,
      startsAt: start,
      endsAt: new Date(start.getTime() + 1_800_000),
      bookedAt: LONG_AGO,
      updatedAt: LONG_AGO,
    })
    .returning();
  return row!.id;
}
const remindersOf = (appointmentId: string) =>
  database.db
    .select()
    .from(deliveries)
    .where(and(eq(deliveries.appointmentId, appointmentId), eq(deliveries.message, 'appointment.reminder')));
const smsTo = (to: string) => peers.http.received.filter((r) => r.fields.To === to);

describe('reminders', () => {
  it('are created when the appointment enters its window (the day before, same local time), once', async () => {
    const id = await book('2026-03-05T13:00:00Z', walkIn);
    clock.set('2026-03-04T12:59:00Z');
    await scanReminders(deps);
    expect(await remindersOf(id)).toEqual([]);
    clock.set('2026-03-04T13:00:00Z');
    expect((await scanReminders(deps)).created).toBe(2);
    expect((await scanReminders(deps)).created).toBe(0);
    expect((await remindersOf(id)).map((d) => d.channel).sort()).toEqual(['email', 'sms']);
    await drain(deps);
    const [text] = smsTo('+5527988887777').map((r) => String(r.fields.Body));
    expect(text).toBe(
      `HealthSync reminder: Dr Ana Souza, Clínica Praia, tomorrow Thu, Mar 5, 2026, 10:00 AM GMT-3. To cancel: http://localhost:3000/appointments/${id} or call +55 27 3000-0000`,
    );
    const mail = peers.smtp.mails.find((m) => m.to && JSON.stringify(m.to).includes('rui@example.org'))!;
    expect(mail.subject).toBe('Reminder: Dr Ana Souza tomorrow, Thu, Mar 5, 2026, 10:00 AM GMT-3');
    expect(mail.text).toContain(
      'Stop reminder emails: http://localhost:3000/api/v1/notifications/unsubscribe?token=',
    );
  });

  it('are replaced when the appointment is rescheduled: the old one is withdrawn, the new time gets its own', async () => {
    const id = await book('2026-03-05T14:00:00Z', cast.patientA.id);
    clock.set('2026-03-04T14:00:00Z');
    await scanReminders(deps);
    const before = await remindersOf(id);
    expect(before.map((d) => d.channel).sort()).toEqual(['email', 'in_app']);
    // Moved to Friday, as the appointments module does it: one update and its outbox event.
    await database.db
      .update(appointments)
      .set({
        startsAt: new Date('2026-03-06T14:00:00Z'),
        endsAt: new Date('2026-03-06T14:30:00Z'),
        updatedAt: new Date(clock.now()),
      })
      .where(eq(appointments.id, id));
    await enqueue(database.db, {
      topic: 'appointment.rescheduled',
      recipientUserId: cast.patientA.userId,
      payload: { appointmentId: id, from: '2026-03-05T14:00:00.000Z', to: '2026-03-06T14:00:00.000Z' },
    });
    await drain(deps);
    const withdrawn = await remindersOf(id);
    expect(withdrawn.map((d) => [d.status, d.sentAt])).toEqual([
      ['withdrawn', null],
      ['withdrawn', null],
    ]);
    expect(withdrawn.every((d) => d.dedupeKey.includes('#withdrawn:'))).toBe(true);
    clock.set('2026-03-05T14:00:00Z');
    expect((await scanReminders(deps)).created).toBe(2);
    await drain(deps);
    const sent = (await remindersOf(id)).filter((d) => d.status === 'sent');
    expect(sent.map((d) => d.expiresAt?.toISOString())).toEqual([
      '2026-03-06T14:00:00.000Z',
      '2026-03-06T14:00:00.000Z',
    ]);
  });

  it('are withdrawn on cancellation, and never sent for an appointment cancelled after they were created', async () => {
    const a = await book('2026-03-07T12:00:00Z', walkIn);
    const b = await book('2026-03-07T13:00:00Z', cast.patientB.id);
    clock.set('2026-03-06T13:00:00Z');
    await scanReminders(deps);
    await database.db.update(appointments).set({ status: 'cancelled' }).where(eq(appointments.id, a));
    await enqueue(database.db, {
      topic: 'appointment.cancelled',
      payload: { appointmentId: a, by: 'patient' },
    });
    // B is cancelled with no event yet processed: the dispatcher checks the appointment before sending.
    await database.db.update(appointments).set({ status: 'cancelled' }).where(eq(appointments.id, b));
    const sentBefore = smsTo('+5527988887777').length;
    await drain(deps);
    expect((await remindersOf(a)).map((d) => d.status)).toEqual(['withdrawn', 'withdrawn']);
    expect((await remindersOf(b)).map((d) => [d.status, d.lastError])).toEqual([
      ['withdrawn', 'appointment changed'],
      ['withdrawn', 'appointment changed'],
    ]);
    // No reminder went out; the cancellation notice went by email (SMS is not a default for it).
    expect(smsTo('+5527988887777').length).toBe(sentBefore);
    expect(peers.smtp.mails.at(-1)!.subject).toBe(
      'Appointment cancelled: Dr Ana Souza, Sat, Mar 7, 2026, 09:00 AM GMT-3',
    );
  });

  it('are not sent for past or imminent appointments, nor for those booked inside the window', async () => {
    const soon = await book('2026-03-10T12:30:00Z', walkIn);
    const late = await book('2026-03-10T18:00:00Z', cast.patientA.id);
    await database.db
      .update(appointments)
      .set({ updatedAt: new Date('2026-03-09T19:00:00Z') })
      .where(eq(appointments.id, late));
    clock.set('2026-03-10T12:00:00Z');
    expect(await scanReminders(deps)).toEqual({ created: 0, skipped: 2 });
    expect(await remindersOf(soon)).toEqual([]);
    expect(await remindersOf(late)).toEqual([]);
  });

  it('follow the clinic zone across a DST change (23 hours ahead on the spring-forward day)', async () => {
    const [ny] = await database.db
      .insert(clinics)
      .values({
        name: 'Hudson Clinic',
        neighbourhood: 'Chelsea',
        timezone: 'America/New_York',
        emergencyPhone: '+1 212 555 0100',
      })
      .returning();
    const [doc] = await database.db
      .insert(doctors)
      .values({ clinicId: ny!.id, name: 'Dr Lee', specialty: 'Cardiology' })
      .returning();
    // Sunday 2026-03-08 10:00 EDT; the day before at 10:00 EST is 15:00Z.
    const id = await book('2026-03-08T14:00:00Z', walkIn, doc!.id, ny!.id);
    clock.set('2026-03-07T14:59:00Z');
    await scanReminders(deps);
    expect(await remindersOf(id)).toEqual([]);
    clock.set('2026-03-07T15:00:00Z');
    await scanReminders(deps);
    expect(await remindersOf(id)).toHaveLength(2);
    await drain(deps);
    expect(smsTo('+5527988887777').at(-1)!.fields.Body).toContain('tomorrow Sun, Mar 8, 2026, 10:00 AM EDT');
  });
});

describe('closed-day notices', () => {
  beforeAll(async () => {
    await database.db.insert(clinicNotificationChannels).values([
      { clinicId: cast.clinicId, channel: 'telegram', address: '@clinica_praia', locale: 'pt-BR' },
      { clinicId: cast.clinicId, channel: 'slack', address: 'staff', locale: 'en' },
    ]);
    await database.db
      .insert(clinicHolidays)
      .values({ clinicId: cast.clinicId, day: '2026-04-21', name: 'Tiradentes' });
  });
  const notices = () => database.db.select().from(deliveries).where(like(deliveries.dedupeKey, 'closed:%'));

  it('go to the clinic broadcast channels at 10:05 clinic time on a weekend, once', async () => {
    clock.set('2026-03-13T13:05:00Z'); // Friday: open
    expect(await scanClosedDays(deps)).toBe(0);
    clock.set('2026-03-14T13:04:00Z'); // Saturday 10:04
    expect(await scanClosedDays(deps)).toBe(0);
    clock.set('2026-03-14T13:05:00Z');
    expect(await scanClosedDays(deps)).toBe(2);
    clock.set('2026-03-14T15:00:00Z');
    expect(await scanClosedDays(deps)).toBe(0);
    await drain(deps);
    const tg = peers.http.received.find((r) => r.fields.chat_id === '@clinica_praia')!;
    expect(tg.fields.text).toBe(
      'Nenhum médico disponível hoje na Clínica Praia; em caso de emergência ligue para +55 27 3000-0000.',
    );
    const slack = peers.http.received.find((r) => r.path === '/slack/staff')!;
    expect(slack.fields.text).toBe(
      '*Clínica Praia is closed today (Saturday, March 14, 2026)*\nNo doctor available today at Clínica Praia; for emergencies call +55 27 3000-0000.',
    );
    expect((await notices()).map((n) => n.status)).toEqual(['sent', 'sent']);
  });

  it('name the holiday on a weekday holiday', async () => {
    clock.set('2026-04-21T13:10:00Z');
    expect(await scanClosedDays(deps)).toBe(2);
    await drain(deps);
    const tg = peers.http.received.filter((r) => r.fields.chat_id === '@clinica_praia').at(-1)!;
    expect(tg.fields.text).toBe(
      'Nenhum médico disponível hoje na Clínica Praia (Tiradentes); em caso de emergência ligue para +55 27 3000-0000.',
    );
  });
});
