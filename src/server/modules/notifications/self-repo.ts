/** Queries behind a person's own view: inbox, preferences and settings. Drizzle only. */
import { and, desc, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db, type Tx } from '../../db/client.ts';
import {
  notificationInbox as inbox,
  notificationPreferences,
  notificationSettings,
} from '../../db/schema/index.ts';
import type { CursorKey } from '../../http/pagination.ts';

export type InboxRow = typeof inbox.$inferSelect;

const before = (after: CursorKey | undefined): SQL | undefined =>
  after ? sql`(${inbox.createdAt}, ${inbox.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : undefined;

export function inboxPage(
  db: Db,
  userId: string,
  f: { unread?: boolean | undefined; after: CursorKey | undefined; limit: number },
): Promise<InboxRow[]> {
  const read = f.unread === undefined ? undefined : f.unread ? isNull(inbox.readAt) : isNotNull(inbox.readAt);
  return db
    .select()
    .from(inbox)
    .where(and(eq(inbox.userId, userId), read, before(f.after)))
    .orderBy(desc(inbox.createdAt), desc(inbox.id))
    .limit(f.limit);
}

export async function unreadCount(db: Db, userId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from ${inbox} where ${inbox.userId} = ${userId} and ${inbox.readAt} is null`,
  );
  return row?.n ?? 0;
}

/** Marks one of the user's messages read (first read time kept); undefined when it is not theirs. */
export async function markRead(db: Db, userId: string, id: string, now: Date): Promise<InboxRow | undefined> {
  const [row] = await db
    .update(inbox)
    .set({ readAt: sql`coalesce(${inbox.readAt}, ${now.toISOString()}::timestamptz)` })
    .where(and(eq(inbox.id, id), eq(inbox.userId, userId)))
    .returning();
  return row;
}

export async function markAllRead(db: Db, userId: string, now: Date): Promise<number> {
  const rows = await db
    .update(inbox)
    .set({ readAt: now })
    .where(and(eq(inbox.userId, userId), isNull(inbox.readAt)))
    .returning({ id: inbox.id });
  return rows.length;
}

export type SettingsRow = typeof notificationSettings.$inferSelect;

export async function settingsOf(db: Db, userId: string): Promise<SettingsRow | undefined> {
  const [row] = await db.select().from(notificationSettings).where(eq(notificationSettings.userId, userId));
  return row;
}

export async function saveSettings(tx: Tx, row: typeof notificationSettings.$inferInsert): Promise<void> {
  const { userId, ...changes } = row;
  await tx
    .insert(notificationSettings)
    .values({ userId, ...changes })
    .onConflictDoUpdate({ target: notificationSettings.userId, set: { ...changes, updatedAt: new Date() } });
}

export async function preferenceRows(db: Db, recipient: string) {
  return db.select().from(notificationPreferences).where(eq(notificationPreferences.recipient, recipient));
}

export async function savePreference(
  db: Db | Tx,
  row: {
    recipient: string;
    category: string;
    channel: 'in_app' | 'email' | 'telegram' | 'sms';
    enabled: boolean;
  },
): Promise<void> {
  await db
    .insert(notificationPreferences)
    .values(row)
    .onConflictDoUpdate({
      target: [
        notificationPreferences.recipient,
        notificationPreferences.category,
        notificationPreferences.channel,
      ],
      set: { enabled: row.enabled, updatedAt: new Date() },
    });
}
