import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { clinics } from './clinics.ts';
import { createdAt, id, updatedAt } from './columns.ts';
import { users } from './users.ts';

export const NOTIFICATION_CHANNELS = ['in_app', 'email', 'telegram', 'slack', 'sms'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'dead', 'withdrawn', 'expired'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One message to one address on one channel: the dispatcher's queue and the delivery log in one table.
 * `dedupe_key` is unique, so fanning an event out twice (a job that runs twice) creates each delivery
 * once. A withdrawn reminder gets its key suffixed, freeing it for a later identical reminder.
 */
export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    id: id(),
    dedupeKey: text('dedupe_key').notNull(),
    /** The outbox event it came from; null for scheduled messages (reminders, closed-day notices). */
    eventId: uuid('event_id'),
    /** Template name, e.g. `appointment.reminder`. */
    message: text('message').notNull(),
    category: text('category').notNull(),
    channel: text('channel', { enum: NOTIFICATION_CHANNELS }).notNull(),
    /** The person it is for (null for broadcasts and for patients without an account). */
    userId: uuid('user_id'),
    patientId: uuid('patient_id'),
    clinicId: uuid('clinic_id'),
    appointmentId: uuid('appointment_id'),
    /** Email address, chat id, phone number or webhook name, resolved when the delivery was created. */
    address: text('address').notNull(),
    locale: text('locale').notNull(),
    /** Template variables. */
    data: jsonb('data').notNull().$type<Record<string, unknown>>(),
    /** Urgent messages ignore quiet hours. */
    urgent: boolean('urgent').notNull().default(false),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: smallint('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    /** While `sending`: the claim ends here; a crashed sender's claims are taken over after it. */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    /** Not sent after this (a reminder after its appointment started): `expired`. */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('notification_deliveries_dedupe_key').on(t.dedupeKey),
    index('notification_deliveries_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
    index('notification_deliveries_lease_idx')
      .on(t.leaseUntil)
      .where(sql`${t.status} = 'sending'`),
    // Few indexes on purpose: a delivery is updated twice (claimed, settled) and each index costs on both.
    // The log pages by id (UUIDv7, so time-ordered); the failed list has its own partial index.
    index('notification_deliveries_dead_idx')
      .on(t.id)
      .where(sql`${t.status} = 'dead'`),
    index('notification_deliveries_event_idx')
      .on(t.eventId)
      .where(sql`${t.eventId} is not null`),
    index('notification_deliveries_appointment_idx')
      .on(t.appointmentId)
      .where(sql`${t.appointmentId} is not null`),
    check(
      'notification_deliveries_channel_check',
      sql`${t.channel} in ('in_app', 'email', 'telegram', 'slack', 'sms')`,
    ),
    check(
      'notification_deliveries_status_check',
      sql`${t.status} in ('pending', 'sending', 'sent', 'dead', 'withdrawn', 'expired')`,
    ),
    check('notification_deliveries_attempts_check', sql`${t.attempts} >= 0`),
  ],
);

/**
 * One reminder per appointment and start time, enforced here: the scan claims the pair before it creates
 * deliveries, so two scans at once (or a scan that runs twice) remind once. Rescheduling removes the row.
 */
export const notificationReminders = pgTable(
  'notification_reminders',
  {
    appointmentId: uuid('appointment_id').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    /** False when the reminder was not worth sending (booked inside the window). */
    sent: boolean('sent').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ name: 'notification_reminders_pkey', columns: [t.appointmentId, t.startsAt] })],
);

/** The in-app inbox: what the in-app channel delivers. */
export const notificationInbox = pgTable(
  'notification_inbox',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The delivery that put it here: unique, so a re-sent delivery lands once. */
    deliveryId: uuid('delivery_id').notNull().unique(),
    category: text('category').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    index('notification_inbox_user_idx').on(t.userId, t.createdAt, t.id),
    index('notification_inbox_unread_idx')
      .on(t.userId)
      .where(sql`${t.readAt} is null`),
  ],
);

/**
 * Channel choices per message category. `recipient` is `user:<id>` or `patient:<id>` (patients without an
 * account still get reminders and can unsubscribe from them). No row: the category's default.
 */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    recipient: text('recipient').notNull(),
    category: text('category').notNull(),
    channel: text('channel', { enum: NOTIFICATION_CHANNELS }).notNull(),
    enabled: boolean('enabled').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ name: 'notification_preferences_pkey', columns: [t.recipient, t.category, t.channel] }),
    check(
      'notification_preferences_channel_check',
      sql`${t.channel} in ('in_app', 'email', 'telegram', 'slack', 'sms')`,
    ),
  ],
);

/** Per-user delivery settings: language, zone and quiet hours, Telegram chat. */
export const notificationSettings = pgTable(
  'notification_settings',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    locale: text('locale'),
    timezone: text('timezone'),
    /** Minutes after local midnight; both null = no quiet hours. May wrap midnight (22:00–07:00). */
    quietStart: integer('quiet_start'),
    quietEnd: integer('quiet_end'),
    telegramChatId: text('telegram_chat_id'),
    phone: text('phone'),
    updatedAt: updatedAt(),
  },
  (t) => [
    check(
      'notification_settings_quiet_check',
      sql`(${t.quietStart} is null and ${t.quietEnd} is null) or (${t.quietStart} between 0 and 1439 and ${t.quietEnd} between 0 and 1439 and ${t.quietStart} <> ${t.quietEnd})`,
    ),
  ],
);

/** A clinic's broadcast channels (weekend and holiday notices, community alerts). */
export const clinicNotificationChannels = pgTable(
  'clinic_notification_channels',
  {
    id: id(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id, { onDelete: 'cascade' }),
    channel: text('channel', { enum: NOTIFICATION_CHANNELS }).notNull(),
    /** Telegram chat id, Slack webhook name, phone number or email address. */
    address: text('address').notNull(),
    locale: text('locale').notNull().default('en'),
    createdAt: createdAt(),
  },
  (t) => [
    unique('clinic_notification_channels_key').on(t.clinicId, t.channel, t.address),
    check(
      'clinic_notification_channels_channel_check',
      sql`${t.channel} in ('telegram', 'slack', 'sms', 'email')`,
    ),
  ],
);
