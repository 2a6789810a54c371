/** A person's own notifications: the in-app inbox, channel preferences and settings, unsubscribing. */
import { AppError, badRequest, notFound } from '../../../core/errors.ts';
import type { Page } from '../../../core/pagination.ts';
import type { Db } from '../../db/client.ts';
import { decodeCursor, toPage } from '../../http/pagination.ts';
import { CATEGORIES, DEFAULT_CHANNELS, ESSENTIAL, PERSONAL_CHANNELS, type Category } from './rules.ts';
import type { PreferencesBody } from './schema.ts';
import * as repo from './self-repo.ts';
import { readUnsubscribeToken } from './tokens.ts';

export interface InboxItem {
  id: string;
  category: Category;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

const toItem = (r: repo.InboxRow): InboxItem => ({
  id: r.id,
  category: r.category as Category,
  title: r.title,
  body: r.body,
  createdAt: r.createdAt.toISOString(),
  readAt: r.readAt?.toISOString() ?? null,
});

export async function inbox(
  db: Db,
  userId: string,
  q: { unread?: 'true' | 'false' | undefined; cursor?: string | undefined; limit: number },
): Promise<Page<InboxItem>> {
  const unread = q.unread === undefined ? undefined : q.unread === 'true';
  const rows = await repo.inboxPage(db, userId, {
    unread,
    after: decodeCursor(q.cursor),
    limit: q.limit + 1,
  });
  const page = toPage(rows, q.limit, (r) => [r.createdAt.toISOString(), r.id]);
  return { items: page.items.map(toItem), nextCursor: page.nextCursor };
}

export const unreadCount = async (db: Db, userId: string) => ({ unread: await repo.unreadCount(db, userId) });

export async function markRead(db: Db, userId: string, id: string): Promise<InboxItem> {
  const row = await repo.markRead(db, userId, id, new Date());
  // Someone else's message is "not found": its existence is not revealed.
  if (!row) throw notFound('notification.not_found', 'No such message in your inbox.');
  return toItem(row);
}

export const markAllRead = async (db: Db, userId: string) => ({
  marked: await repo.markAllRead(db, userId, new Date()),
});

const toHhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const toMinutes = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

type PersonalChannel = 'in_app' | 'email' | 'telegram' | 'sms';
const lockedOn = (category: Category, channel: PersonalChannel) =>
  channel === 'in_app' || (channel === 'email' && ESSENTIAL.has(category));

export async function preferences(db: Db, userId: string) {
  const settings = await repo.settingsOf(db, userId);
  const rows = await repo.preferenceRows(db, `user:${userId}`);
  const chosen = new Map(rows.map((r) => [`${r.category}:${r.channel}`, r.enabled]));
  return {
    locale: settings?.locale ?? null,
    timezone: settings?.timezone ?? null,
    quietHours:
      settings?.quietStart != null && settings.quietEnd != null
        ? { start: toHhmm(settings.quietStart), end: toHhmm(settings.quietEnd) }
        : null,
    telegramChatId: settings?.telegramChatId ?? null,
    phone: settings?.phone ?? null,
    categories: CATEGORIES.map((category) => ({
      category,
      essential: ESSENTIAL.has(category),
      channels: (PERSONAL_CHANNELS as PersonalChannel[]).map((channel) => {
        const locked = lockedOn(category, channel);
        const enabled =
          locked || (chosen.get(`${category}:${channel}`) ?? DEFAULT_CHANNELS[category].includes(channel));
        return { channel, enabled, locked };
      }),
    })),
  };
}

/** Changes only what the body names; switching off a locked channel is refused and changes nothing. */
export async function updatePreferences(db: Db, userId: string, body: PreferencesBody) {
  const refused = (body.channels ?? []).flatMap((c, i) =>
    !c.enabled && lockedOn(c.category, c.channel)
      ? [
          {
            path: `body.channels.${String(i)}`,
            message: `${c.channel} cannot be switched off for ${c.category} messages`,
          },
        ]
      : [],
  );
  if (refused.length > 0) {
    throw new AppError(422, 'notifications.channel_required', 'Unprocessable content', {
      detail: 'In-app messages, and email for account and consent messages, cannot be switched off.',
      errors: refused,
    });
  }
  const current = await repo.settingsOf(db, userId);
  const pick = (k: keyof PreferencesBody, fallback: unknown): unknown =>
    body[k] === undefined ? fallback : body[k];
  const quiet = pick('quietHours', undefined) as PreferencesBody['quietHours'];
  await db.transaction(async (tx) => {
    await repo.saveSettings(tx, {
      userId,
      locale: pick('locale', current?.locale ?? null) as string | null,
      timezone: pick('timezone', current?.timezone ?? null) as string | null,
      telegramChatId: pick('telegramChatId', current?.telegramChatId ?? null) as string | null,
      phone: pick('phone', current?.phone ?? null) as string | null,
      quietStart: quiet === undefined ? (current?.quietStart ?? null) : quiet && toMinutes(quiet.start),
      quietEnd: quiet === undefined ? (current?.quietEnd ?? null) : quiet && toMinutes(quiet.end),
    });
    for (const c of body.channels ?? []) await repo.savePreference(tx, { recipient: `user:${userId}`, ...c });
  });
  return preferences(db, userId);
}

function tokenOrThrow(secret: string, token: string | undefined) {
  const read = token ? readUnsubscribeToken(secret, token) : undefined;
  if (!read) throw badRequest('notifications.bad_token', 'This unsubscribe link is not valid.');
  if (ESSENTIAL.has(read.category)) {
    throw badRequest('notifications.bad_token', 'Account and consent messages cannot be unsubscribed from.');
  }
  return read;
}

/** What an unsubscribe link would do (GET is safe: mail scanners follow links). */
export async function unsubscribeStatus(db: Db, secret: string, token: string | undefined) {
  const { recipient, category } = tokenOrThrow(secret, token);
  const rows = await repo.preferenceRows(db, recipient);
  const row = rows.find((r) => r.category === category && r.channel === 'email');
  const subscribed = row?.enabled ?? DEFAULT_CHANNELS[category].includes('email');
  return { category, channel: 'email' as const, subscribed };
}

/** Turns email off for the link's person and category (RFC 8058 one-click: a POST to the link). */
export async function unsubscribe(db: Db, secret: string, token: string | undefined) {
  const { recipient, category } = tokenOrThrow(secret, token);
  await repo.savePreference(db, { recipient, category, channel: 'email', enabled: false });
  return { category, channel: 'email' as const, subscribed: false };
}
