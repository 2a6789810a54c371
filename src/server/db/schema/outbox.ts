import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.ts';

/**
 * Transactional outbox: an event row is written in the same transaction as the change that caused it,
 * so an event exists if and only if the change committed. The notifications module delivers them.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: id(),
    /** `<module>.<event>`, e.g. `consent.code_issued`, `auth.account_locked`. */
    topic: text('topic').notNull(),
    /** The user the message is for, when it is for one person. */
    recipientUserId: uuid('recipient_user_id'),
    payload: jsonb('payload').notNull().$type<Record<string, unknown>>(),
    createdAt: createdAt(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [
    index('outbox_unpublished_idx')
      .on(t.createdAt)
      .where(sql`${t.publishedAt} is null`),
    index('outbox_recipient_idx').on(t.recipientUserId, t.createdAt),
  ],
);
