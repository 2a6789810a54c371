import { IANAZone } from 'luxon';
import { z } from 'zod';
import { uuidSchema } from '../ids.ts';
import { page, pageQuery } from '../pagination.ts';
import { CATEGORIES, PERSONAL_CHANNELS } from '../vocab.ts';

const at = z.iso.datetime({ offset: true });

export const inboxItem = z
  .object({
    id: z.uuid(),
    category: z.enum(CATEGORIES),
    title: z.string(),
    body: z.string(),
    createdAt: at,
    readAt: at.nullable(),
  })
  .meta({ id: 'InboxItem' });
export const inboxPage = page(inboxItem).meta({ id: 'InboxPage' });
export const inboxQuery = pageQuery.extend({
  unread: z.enum(['true', 'false']).optional().describe('Only unread (true) or only read (false) messages.'),
});
export const idParams = z.object({ id: uuidSchema });

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour)');
const channelEnum = z.enum(PERSONAL_CHANNELS);

export const preferencesView = z
  .object({
    locale: z.string().nullable(),
    timezone: z.string().nullable(),
    quietHours: z.object({ start: hhmm, end: hhmm }).nullable(),
    telegramChatId: z.string().nullable(),
    phone: z.string().nullable(),
    categories: z.array(
      z.object({
        category: z.enum(CATEGORIES),
        essential: z.boolean(),
        channels: z.array(z.object({ channel: channelEnum, enabled: z.boolean(), locked: z.boolean() })),
      }),
    ),
  })
  .meta({ id: 'NotificationPreferences' });

export const preferencesBody = z
  .object({
    locale: z
      .string()
      .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as en or pt-BR')
      .nullable()
      .optional(),
    timezone: z
      .string()
      .max(64)
      .refine((v) => IANAZone.isValidZone(v), 'must be an IANA time zone such as America/Sao_Paulo')
      .nullable()
      .optional(),
    quietHours: z
      .object({ start: hhmm, end: hhmm })
      .refine((q) => q.start !== q.end, 'start and end must differ')
      .nullable()
      .optional(),
    telegramChatId: z
      .string()
      .regex(/^(-?\d{1,20}|@[A-Za-z0-9_]{5,32})$/, 'must be a numeric chat id or @channelname')
      .nullable()
      .optional(),
    phone: z
      .string()
      .regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number such as +5527999990000')
      .nullable()
      .optional(),
    channels: z
      .array(z.object({ category: z.enum(CATEGORIES), channel: channelEnum, enabled: z.boolean() }))
      .max(50)
      .optional(),
  })
  .meta({ id: 'NotificationPreferencesUpdate' });
export type PreferencesBody = z.infer<typeof preferencesBody>;

/** Optional in the schema so that a link missing its token gets the same answer as a forged one. */
export const tokenQuery = z.object({
  token: z
    .string()
    .max(512)
    .regex(/^[A-Za-z0-9_.-]+$/, 'malformed token')
    .optional(),
});
export const unsubscribeView = z
  .object({ category: z.enum(CATEGORIES), channel: z.literal('email'), subscribed: z.boolean() })
  .meta({ id: 'Unsubscribe' });

const STATUSES = ['pending', 'sending', 'sent', 'dead', 'withdrawn', 'expired'] as const;
export const deliveryView = z
  .object({
    id: z.uuid(),
    eventId: z.uuid().nullable(),
    message: z.string(),
    category: z.string(),
    channel: z.enum(['in_app', 'email', 'telegram', 'slack', 'sms']),
    address: z.string().describe('Masked: enough to recognise, not to copy.'),
    userId: z.uuid().nullable(),
    clinicId: z.uuid().nullable(),
    appointmentId: z.uuid().nullable(),
    status: z.enum(STATUSES),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    nextAttemptAt: at,
    sentAt: at.nullable(),
    createdAt: at,
    updatedAt: at,
  })
  .meta({ id: 'Delivery' });
export const deliveryPage = page(deliveryView).meta({ id: 'DeliveryPage' });
export const deliveryQuery = pageQuery.extend({
  status: z.enum(STATUSES).optional(),
  channel: z.enum(['in_app', 'email', 'telegram', 'slack', 'sms']).optional(),
  message: z
    .string()
    .regex(/^[a-z_]+\.[a-z_]+$/, 'must look like appointment.reminder')
    .max(64)
    .optional(),
  event: uuidSchema.optional().describe('Deliveries of one outbox event (one message).'),
  user: uuidSchema.optional(),
});
export type DeliveryQuery = z.infer<typeof deliveryQuery>;

export const clinicChannel = z.object({
  channel: z.enum(['telegram', 'slack', 'sms', 'email']),
  address: z
    .string()
    .min(1)
    .max(254)
    .describe('Telegram chat id, Slack webhook name, phone number or email.'),
  locale: z
    .string()
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)
    .default('en'),
});
export const clinicChannelsBody = z
  .object({ channels: z.array(clinicChannel).max(20) })
  .meta({ id: 'ClinicChannelsUpdate' });
export const clinicChannelsView = z
  .object({ items: z.array(clinicChannel.extend({ id: z.uuid(), locale: z.string() })) })
  .meta({ id: 'ClinicChannels' });
