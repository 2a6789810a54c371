/**
 * Outbox → deliveries. A batch of unpublished events is locked (other dispatchers skip it), planned into
 * deliveries with dedupe keys `event:<id>:<channel>:<address>`, inserted (a key that exists is skipped)
 * and marked published, all in one transaction: an event is published if and only if its deliveries exist.
 */
import type { Tx } from '../../db/client.ts';
import type { NotifyDeps } from './context.ts';
import { formatDateTime, formatTime } from './format.ts';
import {
  appointmentViews,
  doctorsById,
  preferencesOf,
  userContacts,
  type AppointmentView,
  type UserContact,
} from './lookups.ts';
import {
  opsTargets,
  patientRecipient,
  planBroadcast,
  planPersonal,
  userRecipient,
  type Recipient,
} from './plan.ts';
import {
  claimOutbox,
  insertDeliveries,
  markPublished,
  withdrawReminders,
  type NewDelivery,
  type OutboxRow,
} from './repo.ts';
import { eventKey, type MessageName } from './rules.ts';

interface Context {
  users: Map<string, UserContact>;
  prefs: Map<string, Map<string, boolean>>;
  appointments: Map<string, AppointmentView>;
  doctors: Map<string, { name: string; zone: string }>;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const ms = (v: unknown): number | undefined => {
  const t = typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isNaN(t) ? undefined : t;
};

async function loadContext(tx: Tx, events: OutboxRow[]): Promise<Context> {
  const appointments = await appointmentViews(tx, [
    ...new Set(events.map((e) => str(e.payload.appointmentId)).filter((x) => x !== undefined)),
  ]);
  const userIds = new Set(events.map((e) => e.recipientUserId).filter((x) => x !== null));
  for (const a of appointments.values()) if (a.patientUserId) userIds.add(a.patientUserId);
  const users = await userContacts(tx, [...userIds]);
  const keys = [
    ...[...userIds].map((id) => `user:${id}`),
    ...[...appointments.values()].map((a) => `patient:${a.patientId}`),
  ];
  const doctorIds = events.map((e) => str(e.payload.doctorId)).filter((x) => x !== undefined);
  return {
    users,
    appointments,
    prefs: await preferencesOf(tx, keys),
    doctors: await doctorsById(tx, [...new Set(doctorIds)]),
  };
}

type Planner = (deps: NotifyDeps, tx: Tx, e: OutboxRow, ctx: Context, now: number) => Promise<NewDelivery[]>;

/** The event's recipient as an account holder (disabled accounts get nothing). */
function accountOf(e: OutboxRow, ctx: Context): Recipient | undefined {
  const c = e.recipientUserId ? ctx.users.get(e.recipientUserId) : undefined;
  return c && !c.disabled ? userRecipient(c, ctx.prefs.get(`user:${c.userId}`)) : undefined;
}

function toUser(
  deps: NotifyDeps,
  e: OutboxRow,
  ctx: Context,
  now: number,
  message: MessageName,
  o: {
    zone: string;
    data: (locale: string, zone: string) => Record<string, unknown>;
    expiresAt?: number | undefined;
  },
): NewDelivery[] {
  const recipient = accountOf(e, ctx);
  if (!recipient) return [];
  const zone = recipient.zone ?? o.zone;
  return planPersonal(deps, {
    message,
    recipient,
    data: (locale) => o.data(locale, zone),
    key: (channel, address) => eventKey(e.id, channel, address),
    now,
    zone,
    eventId: e.id,
    expiresAt: o.expiresAt === undefined ? undefined : new Date(o.expiresAt),
  });
}

const account: Record<string, Planner> = {
  'auth.password_reset': async (deps, _tx, e, ctx, now) => {
    const minutes = Number(e.payload.expiresInMinutes ?? 30);
    return toUser(deps, e, ctx, now, 'auth.password_reset', {
      zone: 'UTC',
      data: () => ({ link: str(e.payload.link) ?? '', minutes }),
      expiresAt: e.createdAt.getTime() + minutes * 60_000,
    });
  },
  'auth.account_locked': async (deps, _tx, e, ctx, now) =>
    toUser(deps, e, ctx, now, 'auth.account_locked', {
      zone: 'UTC',
      data: (locale, zone) => ({
        untilTime: formatDateTime(ms(e.payload.lockedUntil) ?? now, zone, locale),
        failedAttempts: Number(e.payload.failedAttempts ?? 5),
      }),
    }),
  'consent.code_issued': async (deps, _tx, e, ctx, now) => {
    const doctor = ctx.doctors.get(str(e.payload.doctorId) ?? '');
    const expires = ms(e.payload.expiresAt) ?? now;
    return toUser(deps, e, ctx, now, 'consent.code', {
      zone: doctor?.zone ?? 'UTC',
      data: (locale, zone) => ({
        doctorName: doctor?.name ?? '',
        code: str(e.payload.code) ?? '',
        expiresTime: formatTime(expires, zone, locale),
      }),
      // A code that has expired is useless: it is not sent late.
      expiresAt: expires,
    });
  },
  'consent.emergency_access': async (deps, _tx, e, ctx, now) => {
    const doctor = ctx.doctors.get(str(e.payload.doctorId) ?? '');
    return toUser(deps, e, ctx, now, 'consent.emergency_access', {
      zone: doctor?.zone ?? 'UTC',
      data: (locale, zone) => ({
        doctorName: doctor?.name ?? '',
        localTime: formatDateTime(e.createdAt.getTime(), zone, locale),
        accessLogUrl: `${deps.settings.publicUrl}/me/access-log`,
      }),
    });
  },
};

/** Booking confirmations and changes go to the patient; changes withdraw the pending reminder. */
function appointmentPlanner(message: MessageName, withdraw: boolean): Planner {
  return async (deps, tx, e, ctx, now) => {
    const a = ctx.appointments.get(str(e.payload.appointmentId) ?? '');
    if (!a) return [];
    if (withdraw) await withdrawReminders(tx, a.id, new Date(now));
    const recipient = patientRecipient(a, ctx.users, ctx.prefs);
    if (!recipient) return [];
    // The time this event announced (a later change sends its own message).
    const at = ms(e.payload.to) ?? ms(e.payload.startsAt) ?? a.startsAt.getTime();
    const from = ms(e.payload.from);
    return planPersonal(deps, {
      message,
      recipient,
      data: (locale) => ({
        patientName: a.patientName,
        doctorName: a.doctorName,
        clinicName: a.clinicName,
        localTime: formatDateTime(at, a.zone, locale),
        previousTime: from === undefined ? '' : formatDateTime(from, a.zone, locale),
        manageUrl: `${deps.settings.publicUrl}/appointments/${a.id}`,
        bookUrl: `${deps.settings.publicUrl}/doctors`,
      }),
      key: (channel, address) => eventKey(e.id, channel, address),
      now,
      zone: a.zone,
      eventId: e.id,
      appointmentId: a.id,
      clinicId: a.clinicId,
      // Confirmations of a visit that has already begun say nothing useful.
      expiresAt: message === 'appointment.cancelled' ? undefined : new Date(at),
    });
  };
}

const appointments: Record<string, Planner> = {
  'appointment.booked': appointmentPlanner('appointment.booked', false),
  'appointment.rescheduled': appointmentPlanner('appointment.rescheduled', true),
  'appointment.cancelled': appointmentPlanner('appointment.cancelled', true),
  'appointment.status_changed': async (_deps, tx, e, _ctx, now) => {
    const id = str(e.payload.appointmentId);
    if (id && e.payload.status !== 'booked') await withdrawReminders(tx, id, new Date(now));
    return [];
  },
};

/** Attachments ride in the event as base64 (charts are small); they are kept with each delivery. */
const attachmentsOf = (payload: Record<string, unknown>) =>
  Array.isArray(payload.attachments) ? (payload.attachments as unknown[]) : [];

const broadcasts: Record<string, Planner> = {
  'alerts.raised': async (deps, _tx, e, ctx, now) => {
    const data = () => ({
      neighbourhood: str(e.payload.neighbourhood) ?? '',
      condition: str(e.payload.condition) ?? '',
      level: str(e.payload.level) ?? '',
      summary: str(e.payload.summary) ?? '',
    });
    if (e.recipientUserId) return toUser(deps, e, ctx, now, 'alert.community', { zone: 'UTC', data });
    return planBroadcast(deps, {
      message: 'alert.community',
      targets: opsTargets(deps),
      data,
      key: (c, a) => eventKey(e.id, c, a),
      now,
      eventId: e.id,
    });
  },
  'pipeline.report': async (deps, _tx, e, _ctx, now) =>
    planBroadcast(deps, {
      message: 'pipeline.report',
      targets: opsTargets(deps),
      data: () => ({
        title: str(e.payload.title) ?? 'Pipeline run',
        summary: str(e.payload.summary) ?? '',
        attachments: attachmentsOf(e.payload),
      }),
      // A notice that must go out once per day (the pipeline's weekend notice) names its own key.
      key: (channel, address) =>
        str(e.payload.dedupeKey)
          ? `${str(e.payload.dedupeKey)!}:${channel}:${address}`
          : eventKey(e.id, channel, address),
      now,
      eventId: e.id,
    }),
};

/** Topics and how they become messages; any other topic is published with no message. */
export const PLANNERS: Record<string, Planner> = { ...account, ...appointments, ...broadcasts };

/** Fans out one batch of events; returns how many events it published. */
export async function fanOutBatch(deps: NotifyDeps, limit = 200): Promise<number> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const events = await claimOutbox(tx, limit);
    if (events.length === 0) return 0;
    const ctx = await loadContext(tx, events);
    const rows: NewDelivery[] = [];
    for (const e of events) rows.push(...((await PLANNERS[e.topic]?.(deps, tx, e, ctx, now)) ?? []));
    await insertDeliveries(tx, rows);
    await markPublished(
      tx,
      events.map((e) => e.id),
      new Date(now),
    );
    return events.length;
  });
}
