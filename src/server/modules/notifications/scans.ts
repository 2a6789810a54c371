/**
 * Scheduled messages. Reminders: every minute, booked appointments entering their window (the day before,
 * same local time) get a reminder; the (appointment, start) marker is inserted first and only a new marker
 * creates deliveries, so overlapping scans remind once. Closed days: from 10:05 clinic time on a weekend
 * (when the clinic closes on weekends) or holiday, each of the clinic's broadcast channels gets one notice.
 */
import { DateTime } from 'luxon';
import { notificationReminders } from '../../db/schema/index.ts';
import type { NotifyDeps } from './context.ts';
import { formatDate, formatDateTime } from './format.ts';
import {
  broadcastClinics,
  preferencesOf,
  reminderCandidates,
  userContacts,
  type AppointmentView,
} from './lookups.ts';
import { patientRecipient, planBroadcast, planPersonal } from './plan.ts';
import { insertDeliveries, type NewDelivery } from './repo.ts';
import { closedDayKey, closedDayNotice, reminderDecision, reminderKey, type Channel } from './rules.ts';

/** The longest local day (25 h on a DST day): no appointment further ahead can be due. */
const LOOKAHEAD_MS = 25 * 3_600_000;
const PAGE = 1000;

async function remindersFor(deps: NotifyDeps, due: AppointmentView[], now: number): Promise<NewDelivery[]> {
  const userIds = due.map((a) => a.patientUserId).filter((x) => x !== null);
  const contacts = await userContacts(deps.db, userIds);
  const prefs = await preferencesOf(deps.db, [
    ...userIds.map((id) => `user:${id}`),
    ...due.map((a) => `patient:${a.patientId}`),
  ]);
  return due.flatMap((a) => {
    const recipient = patientRecipient(a, contacts, prefs);
    if (!recipient) return [];
    const startsAt = a.startsAt.getTime();
    return planPersonal(deps, {
      message: 'appointment.reminder',
      recipient,
      data: (locale) => ({
        patientName: a.patientName,
        doctorName: a.doctorName,
        clinicName: a.clinicName,
        clinicAddress: a.clinicAddress ?? '',
        clinicPhone: a.clinicPhone,
        localTime: formatDateTime(startsAt, a.zone, locale),
        manageUrl: `${deps.settings.publicUrl}/appointments/${a.id}`,
      }),
      key: (channel: Channel) => reminderKey(a.id, startsAt, channel),
      now,
      zone: a.zone,
      appointmentId: a.id,
      clinicId: a.clinicId,
      // Never sent once the visit has started; also what the send-time staleness check compares.
      expiresAt: a.startsAt,
    });
  });
}

/** Claims markers for one page of decided appointments and creates the reminders of the new ones. */
async function settlePage(
  deps: NotifyDeps,
  page: AppointmentView[],
  now: number,
): Promise<{ created: number; skipped: number }> {
  const decided = page
    .map((a) => ({
      a,
      decision: reminderDecision(
        { startsAt: a.startsAt.getTime(), lastChangedAt: a.updatedAt.getTime(), zone: a.zone },
        now,
      ),
    }))
    .filter((x) => x.decision !== 'wait');
  if (decided.length === 0) return { created: 0, skipped: 0 };
  const planned = await remindersFor(
    deps,
    decided.filter((x) => x.decision === 'send').map((x) => x.a),
    now,
  );
  return deps.db.transaction(async (tx) => {
    const claimed = await tx
      .insert(notificationReminders)
      .values(
        decided.map(({ a, decision }) => ({
          appointmentId: a.id,
          startsAt: a.startsAt,
          sent: decision === 'send',
        })),
      )
      .onConflictDoNothing()
      .returning({ appointmentId: notificationReminders.appointmentId });
    const mine = new Set(claimed.map((c) => c.appointmentId));
    const created = await insertDeliveries(
      tx,
      planned.filter((d) => mine.has(d.appointmentId!)),
    );
    return { created, skipped: decided.filter((x) => x.decision === 'skip' && mine.has(x.a.id)).length };
  });
}

/** Creates the reminders that are due; returns how many deliveries it created and reminders it skipped. */
export async function scanReminders(deps: NotifyDeps): Promise<{ created: number; skipped: number }> {
  const now = deps.clock.now();
  const total = { created: 0, skipped: 0 };
  let after: [Date, string] | undefined;
  for (;;) {
    const page = await reminderCandidates(deps.db, new Date(now), new Date(now + LOOKAHEAD_MS), after, PAGE);
    if (page.length === 0) break;
    const last = page.at(-1)!;
    after = [last.startsAt, last.id];
    const done = await settlePage(deps, page, now);
    total.created += done.created;
    total.skipped += done.skipped;
    if (page.length < PAGE) break;
  }
  return total;
}

/** Creates today's closed-day notices for every clinic where it is notice time; returns how many. */
export async function scanClosedDays(deps: NotifyDeps): Promise<number> {
  const now = deps.clock.now();
  // Local "today" is within a day of UTC's anywhere on Earth.
  const utc = DateTime.fromMillis(now, { zone: 'UTC' });
  const clinics = await broadcastClinics(
    deps.db,
    utc.minus({ days: 1 }).toISODate()!,
    utc.plus({ days: 1 }).toISODate()!,
  );
  const rows = clinics.flatMap((clinic) => {
    const notice = closedDayNotice(now, clinic);
    if (!notice) return [];
    return planBroadcast(deps, {
      message: 'clinic.closed_day',
      targets: clinic.channels.map((c) => ({
        channel: c.channel as Channel,
        address: c.address,
        locale: c.locale,
      })),
      data: (locale) => ({
        clinicName: clinic.name,
        emergencyPhone: clinic.emergencyPhone,
        localDate: formatDate(notice.date, locale),
        holidayName: notice.holidayName ?? '',
      }),
      key: (channel, address) => closedDayKey(clinic.id, notice.date, channel, address),
      now,
      clinicId: clinic.id,
    });
  });
  return insertDeliveries(deps.db, rows);
}
