/**
 * Turns "this message, for this person (or these broadcast channels), with this data" into delivery rows:
 * channels by preference, the template locale, quiet hours, dedupe keys and unsubscribe links.
 */
import { configuredChannels as configuredOf } from './channels.ts';
import type { NotifyDeps } from './context.ts';
import type { AppointmentView, UserContact } from './lookups.ts';
import type { NewDelivery } from './repo.ts';
import {
  chooseChannels,
  ESSENTIAL,
  MESSAGES,
  releaseAt,
  type Channel,
  type MessageName,
  type QuietHours,
  type Reach,
} from './rules.ts';
import { unsubscribeToken } from './tokens.ts';

export interface Recipient {
  /** `user:<id>` or `patient:<id>`: whose preferences apply. */
  key: string;
  userId: string | null;
  patientId: string | null;
  name: string;
  reach: Reach;
  locale: string | null;
  /** The person's own zone for quiet hours, when they set one. */
  zone: string | null;
  quiet: QuietHours | undefined;
  prefs: ReadonlyMap<string, boolean>;
}

const quietOf = (c: { quietStart: number | null; quietEnd: number | null }): QuietHours | undefined =>
  c.quietStart !== null && c.quietEnd !== null ? { start: c.quietStart, end: c.quietEnd } : undefined;

export function userRecipient(
  c: UserContact,
  prefs: ReadonlyMap<string, boolean> | undefined,
  patientId: string | null = null,
): Recipient {
  return {
    key: `user:${c.userId}`,
    userId: c.userId,
    patientId,
    name: c.name,
    reach: { userId: c.userId, email: c.email, phone: c.phone, telegramChatId: c.telegramChatId },
    locale: c.locale,
    zone: c.timezone,
    quiet: quietOf(c),
    prefs: prefs ?? new Map(),
  };
}

/** The patient of an appointment: through their account when they have one, else the record's contacts. */
export function patientRecipient(
  a: AppointmentView,
  contacts: ReadonlyMap<string, UserContact>,
  prefs: ReadonlyMap<string, ReadonlyMap<string, boolean>>,
): Recipient | undefined {
  const account = a.patientUserId ? contacts.get(a.patientUserId) : undefined;
  if (account?.disabled) return undefined;
  if (account)
    return {
      ...userRecipient(account, prefs.get(`user:${account.userId}`), a.patientId),
      name: a.patientName,
    };
  const key = `patient:${a.patientId}`;
  return {
    key,
    userId: null,
    patientId: a.patientId,
    name: a.patientName,
    reach: { email: a.patientEmail, phone: a.patientPhone },
    locale: null,
    zone: null,
    quiet: undefined,
    prefs: prefs.get(key) ?? new Map(),
  };
}

export interface PersonalMessage {
  message: MessageName;
  recipient: Recipient;
  /** Template data in the chosen locale (dates are formatted for it). */
  data: (locale: string) => Record<string, unknown>;
  key: (channel: Channel, address: string) => string;
  now: number;
  /** The zone of what the message is about (the clinic), used when the person set none. */
  zone: string;
  eventId?: string | undefined;
  appointmentId?: string | undefined;
  clinicId?: string | undefined;
  /** Not sent after this. */
  expiresAt?: Date | undefined;
}

export function planPersonal(deps: NotifyDeps, m: PersonalMessage): NewDelivery[] {
  const kind = MESSAGES[m.message];
  const locale = deps.catalog.get(m.message, m.recipient.locale ?? deps.settings.defaultLocale).locale;
  const zone = m.recipient.zone ?? m.zone;
  // Kept with the delivery so a retry that would land in the quiet hours waits for them too.
  const hold = m.recipient.quiet && !kind.urgent ? { quietHours: { ...m.recipient.quiet, zone } } : {};
  const data = { name: m.recipient.name, ...m.data(locale), ...hold };
  const due = new Date(releaseAt(m.now, zone, m.recipient.quiet, kind.urgent));
  const channels = chooseChannels(
    m.message,
    m.recipient.prefs,
    m.recipient.reach,
    configuredOf(deps.channels),
  );
  return channels.map(({ channel, address }) => {
    const unsubscribe = channel === 'email' && !ESSENTIAL.has(kind.category);
    const token = unsubscribe
      ? unsubscribeToken(deps.settings.secret, m.recipient.key, kind.category)
      : undefined;
    return {
      dedupeKey: m.key(channel, address),
      eventId: m.eventId ?? null,
      message: m.message,
      category: kind.category,
      channel,
      userId: m.recipient.userId,
      patientId: m.recipient.patientId,
      clinicId: m.clinicId ?? null,
      appointmentId: m.appointmentId ?? null,
      address,
      locale,
      data: token
        ? {
            ...data,
            unsubscribeUrl: `${deps.settings.publicUrl}/api/v1/notifications/unsubscribe?token=${token}`,
          }
        : data,
      urgent: kind.urgent,
      nextAttemptAt: due,
      expiresAt: m.expiresAt ?? null,
    };
  });
}

export interface BroadcastTarget {
  channel: Channel;
  address: string;
  locale: string;
}

export interface BroadcastMessage {
  message: MessageName;
  targets: BroadcastTarget[];
  data: (locale: string) => Record<string, unknown>;
  key: (channel: Channel, address: string) => string;
  now: number;
  eventId?: string | undefined;
  clinicId?: string | undefined;
}

/** Staff and public channels: no preferences or quiet hours, only the configured channels. */
export function planBroadcast(deps: NotifyDeps, m: BroadcastMessage): NewDelivery[] {
  const kind = MESSAGES[m.message];
  const configured = configuredOf(deps.channels);
  return m.targets
    .filter((t) => configured.has(t.channel))
    .map((t) => {
      const locale = deps.catalog.get(m.message, t.locale).locale;
      return {
        dedupeKey: m.key(t.channel, t.address),
        eventId: m.eventId ?? null,
        message: m.message,
        category: kind.category,
        channel: t.channel,
        clinicId: m.clinicId ?? null,
        address: t.address,
        locale,
        data: m.data(locale),
        urgent: true,
        nextAttemptAt: new Date(m.now),
      };
    });
}

/** Operations channels (pipeline reports, alerts without a recipient): the `ops` Slack webhook, ops chat and email. */
export function opsTargets(deps: NotifyDeps): BroadcastTarget[] {
  const s = deps.settings;
  const locale = s.defaultLocale;
  const targets: BroadcastTarget[] = [];
  if (s.slack.ops) targets.push({ channel: 'slack', address: 'ops', locale });
  if (s.ops.telegramChatId) targets.push({ channel: 'telegram', address: s.ops.telegramChatId, locale });
  if (s.ops.email) targets.push({ channel: 'email', address: s.ops.email, locale });
  return targets;
}
