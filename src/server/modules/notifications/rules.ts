/**
 * Pure delivery rules: which channels a message goes to, retries and backoff, how a channel's answer is
 * classified, quiet hours, the reminder window, closed-day notices, dedupe keys and template choice.
 * No IO and no clock: "now" is always an argument, so every rule runs on a fake clock in tests.
 */
import { DateTime } from 'luxon';
import type { NotificationChannel } from '../../db/schema/notifications.ts';
import {
  CATEGORIES,
  PERSONAL_CHANNELS as CORE_PERSONAL_CHANNELS,
  type Category,
} from '../../../core/vocab.ts';

export type Channel = NotificationChannel;
export const CHANNELS: readonly Channel[] = ['in_app', 'email', 'telegram', 'slack', 'sms'];
/** Channels a person can reach us on (Slack is for staff and ops channels only). */
export const PERSONAL_CHANNELS: readonly Channel[] = CORE_PERSONAL_CHANNELS;

export { CATEGORIES, type Category };

/** Essential categories cannot be unsubscribed from by email; their email cannot be switched off. */
export const ESSENTIAL: ReadonlySet<Category> = new Set(['account', 'consent']);

/** Channels a category uses when the person has said nothing (in-app is always on for account holders). */
export const DEFAULT_CHANNELS: Record<Category, readonly Channel[]> = {
  account: ['in_app', 'email'],
  consent: ['in_app', 'email', 'telegram', 'sms'],
  appointments: ['in_app', 'email', 'telegram'],
  reminders: ['in_app', 'email', 'telegram', 'sms'],
  alerts: ['in_app', 'email', 'telegram'],
  reports: ['in_app', 'email'],
};

export interface MessageKind {
  category: Category;
  /** Urgent messages are sent during quiet hours (a consent code is needed now). */
  urgent: boolean;
  /** Restricts the channels (a reset link goes by email only: an inbox needs the password it resets). */
  only?: readonly Channel[];
}

/** Every message HealthSync sends; each has one template file per locale. */
export const MESSAGES = {
  'appointment.booked': { category: 'appointments', urgent: false },
  'appointment.rescheduled': { category: 'appointments', urgent: false },
  'appointment.cancelled': { category: 'appointments', urgent: false },
  'appointment.reminder': { category: 'reminders', urgent: false },
  'consent.code': { category: 'consent', urgent: true },
  'consent.emergency_access': { category: 'consent', urgent: true },
  'auth.password_reset': { category: 'account', urgent: true, only: ['email'] },
  'auth.account_locked': { category: 'account', urgent: true },
  'clinic.closed_day': { category: 'alerts', urgent: true },
  'alert.community': { category: 'alerts', urgent: false },
  'pipeline.report': { category: 'reports', urgent: false },
} as const satisfies Record<string, MessageKind>;
export type MessageName = keyof typeof MESSAGES;
export const MESSAGE_NAMES = Object.keys(MESSAGES) as MessageName[];

/** How to reach a person; absent fields are channels they cannot get. */
export interface Reach {
  userId?: string | null | undefined;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  telegramChatId?: string | null | undefined;
}

export function addressOf(channel: Channel, reach: Reach): string | undefined {
  const value = {
    in_app: reach.userId,
    email: reach.email,
    telegram: reach.telegramChatId,
    sms: reach.phone,
    slack: undefined,
  }[channel];
  return value ?? undefined;
}

/**
 * The channels one message goes to for one person: in-app always (account holders), email always for
 * essential categories, the rest by preference (or the category default), and only where the person has
 * an address and the channel is configured.
 */
export function chooseChannels(
  message: MessageName,
  prefs: ReadonlyMap<string, boolean>,
  reach: Reach,
  configured: ReadonlySet<Channel>,
): { channel: Channel; address: string }[] {
  const kind: MessageKind = MESSAGES[message];
  const wanted = (channel: Channel): boolean => {
    if (channel === 'in_app') return true;
    if (channel === 'email' && ESSENTIAL.has(kind.category)) return true;
    return prefs.get(`${kind.category}:${channel}`) ?? DEFAULT_CHANNELS[kind.category].includes(channel);
  };
  return PERSONAL_CHANNELS.filter((c) => !kind.only || kind.only.includes(c))
    .filter((c) => c === 'in_app' || configured.has(c))
    .filter(wanted)
    .flatMap((channel) => {
      const address = addressOf(channel, reach);
      return address ? [{ channel, address }] : [];
    });
}

// ---------------------------------------------------------------- retries

export type SendOutcome =
  | { kind: 'sent' }
  | { kind: 'transient'; error: string }
  | { kind: 'rate_limited'; error: string; retryAfterMs: number | undefined }
  | { kind: 'permanent'; error: string };

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Exponential backoff with "equal jitter": between half and all of base·2^(n−1), capped. */
export function backoffMs(attempt: number, policy: RetryPolicy, random: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(30, attempt - 1));
  return Math.round(ceiling / 2 + (random * ceiling) / 2);
}

export type NextStep =
  { status: 'sent' } | { status: 'pending'; at: number } | { status: 'dead'; error: string };

/** What happens to a delivery after attempt number `attempts` (1 = the first) ended with `outcome`. */
export function afterAttempt(
  outcome: SendOutcome,
  attempts: number,
  policy: RetryPolicy,
  now: number,
  random: number,
): NextStep {
  if (outcome.kind === 'sent') return { status: 'sent' };
  if (outcome.kind === 'permanent') return { status: 'dead', error: outcome.error };
  if (attempts >= policy.maxAttempts) {
    return { status: 'dead', error: `${outcome.error} (gave up after ${String(attempts)} attempts)` };
  }
  const backoff = backoffMs(attempts, policy, random);
  // The channel said when: wait at least that long, plus a little jitter so a burst does not return as one.
  const wait =
    outcome.kind === 'rate_limited' && outcome.retryAfterMs !== undefined
      ? outcome.retryAfterMs + Math.round(random * Math.min(1000, outcome.retryAfterMs * 0.1))
      : backoff;
  return { status: 'pending', at: now + wait };
}

/** `Retry-After`: delay-seconds or an HTTP date. Unparseable or absent: undefined. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * An HTTP channel's answer: 2xx sent; 429 rate-limited (with its retry-after); 408, 425 and 5xx worth
 * retrying; any other 4xx permanent (a bad chat id or phone number will not improve by asking again).
 */
export function classifyHttp(status: number, retryAfterMs: number | undefined, detail: string): SendOutcome {
  if (status >= 200 && status < 300) return { kind: 'sent' };
  const error = `HTTP ${String(status)}${detail ? `: ${detail.slice(0, 200)}` : ''}`;
  if (status === 429) return { kind: 'rate_limited', error, retryAfterMs };
  if (status === 408 || status === 425 || status >= 500) return { kind: 'transient', error };
  return { kind: 'permanent', error };
}

/** An SMTP server's answer: 5xx (550 no such mailbox) is permanent, 4xx and lost connections transient. */
export function classifySmtp(responseCode: number | undefined, message: string): SendOutcome {
  const error = `SMTP ${responseCode === undefined ? 'connection' : String(responseCode)}: ${message.slice(0, 200)}`;
  if (responseCode !== undefined && responseCode >= 500) return { kind: 'permanent', error };
  if (responseCode === 421 || responseCode === 450 || responseCode === 451 || responseCode === 452) {
    return { kind: 'rate_limited', error, retryAfterMs: undefined };
  }
  return { kind: 'transient', error };
}

// ---------------------------------------------------------------- time

export interface QuietHours {
  /** Minutes after local midnight. */
  start: number;
  end: number;
}

const minuteOfDay = (t: DateTime): number => t.hour * 60 + t.minute;

export function inQuietHours(now: number, zone: string, quiet: QuietHours | undefined): boolean {
  if (!quiet || quiet.start === quiet.end) return false;
  const m = minuteOfDay(DateTime.fromMillis(now, { zone }));
  return quiet.start < quiet.end ? m >= quiet.start && m < quiet.end : m >= quiet.start || m < quiet.end;
}

/** When a message may go out: now, or (non-urgent, inside quiet hours) when the quiet hours end. */
export function releaseAt(now: number, zone: string, quiet: QuietHours | undefined, urgent: boolean): number {
  if (urgent || !quiet || !inQuietHours(now, zone, quiet)) return now;
  const local = DateTime.fromMillis(now, { zone });
  let end = local.set({
    hour: Math.floor(quiet.end / 60),
    minute: quiet.end % 60,
    second: 0,
    millisecond: 0,
  });
  if (end.toMillis() <= now) end = end.plus({ days: 1 });
  return end.toMillis();
}

/** The day before at the same wall-clock time in the clinic's zone (23 or 25 hours on DST days). */
export function reminderDueAt(startsAt: number, zone: string): number {
  return DateTime.fromMillis(startsAt, { zone }).minus({ days: 1 }).toMillis();
}

/** Reminders later than this before the start are not worth sending. */
export const REMINDER_MIN_LEAD_MS = 60 * 60_000;

/**
 * `wait` until the appointment enters its window; `send` once it has; `skip` when it is past, too close,
 * or was booked or moved inside the window (its confirmation said it all).
 */
export function reminderDecision(
  a: { startsAt: number; lastChangedAt: number; zone: string },
  now: number,
): 'wait' | 'send' | 'skip' {
  const due = reminderDueAt(a.startsAt, a.zone);
  if (now < due) return 'wait';
  if (a.startsAt - now < REMINDER_MIN_LEAD_MS) return 'skip';
  return a.lastChangedAt >= due ? 'skip' : 'send';
}

/** Closed-day notices go out from 10:05 local time; a server down then still sends them until 20:00. */
export const CLOSED_NOTICE_FROM = 10 * 60 + 5;
export const CLOSED_NOTICE_UNTIL = 20 * 60;

export interface ClosedDay {
  date: string;
  reason: 'weekend' | 'holiday';
  holidayName?: string;
}

/** Today's closed-day notice for a clinic, if today is closed and it is notice time there. */
export function closedDayNotice(
  now: number,
  clinic: { zone: string; closedOnWeekends: boolean; holidays: ReadonlyMap<string, string> },
): ClosedDay | undefined {
  const local = DateTime.fromMillis(now, { zone: clinic.zone });
  const m = minuteOfDay(local);
  if (m < CLOSED_NOTICE_FROM || m >= CLOSED_NOTICE_UNTIL) return undefined;
  const date = local.toISODate()!;
  const holidayName = clinic.holidays.get(date);
  if (holidayName !== undefined) return { date, reason: 'holiday', holidayName };
  if (clinic.closedOnWeekends && local.weekday >= 6) return { date, reason: 'weekend' };
  return undefined;
}

// ---------------------------------------------------------------- keys and templates

/** One delivery per event, channel and address. */
export const eventKey = (eventId: string, channel: Channel, address: string): string =>
  `event:${eventId}:${channel}:${address}`;

/** One reminder per appointment, start time and channel. */
export const reminderKey = (appointmentId: string, startsAt: number, channel: Channel): string =>
  `reminder:${appointmentId}:${new Date(startsAt).toISOString()}:${channel}`;

/** One closed-day notice per clinic, day and broadcast channel. */
export const closedDayKey = (clinicId: string, date: string, channel: Channel, address: string): string =>
  `closed:${clinicId}:${date}:${channel}:${address}`;

/** A withdrawn delivery keeps its row but gives up its key, so an identical later message is possible. */
export const withdrawnKey = (key: string, deliveryId: string): string => `${key}#withdrawn:${deliveryId}`;

export const DEFAULT_LOCALE = 'en';

/**
 * The best template locale: the exact one, else one of the same language (pt-PT → pt-BR), else the
 * fallback. Case-insensitive, as BCP 47 tags are.
 */
export function chooseLocale(
  wanted: string | null | undefined,
  available: readonly string[],
  fallback: string,
): string {
  if (!wanted) return fallback;
  const lower = wanted.toLowerCase();
  const exact = available.find((l) => l.toLowerCase() === lower);
  if (exact) return exact;
  const language = lower.split('-')[0];
  return available.find((l) => l.toLowerCase().split('-')[0] === language) ?? fallback;
}

/** The template section a channel sends: SMS the short text, everything else the full text. */
export const bodySection = (channel: Channel): 'sms' | 'text' => (channel === 'sms' ? 'sms' : 'text');
