/**
 * Writes events to the transactional outbox. Call it with the transaction that makes the change, so
 * the event is stored if and only if the change commits. The notifications module delivers them.
 */
import type { SQL } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { outbox } from '../db/schema/index.ts';

export interface OutboxEvent {
  /** `<module>.<event>`, e.g. `consent.code_issued`. */
  topic: string;
  recipientUserId?: string | null;
  payload: Record<string, unknown>;
}

export async function enqueue(tx: Db | Tx, event: OutboxEvent): Promise<void> {
  await tx.insert(outbox).values({
    topic: event.topic,
    recipientUserId: event.recipientUserId ?? null,
    payload: event.payload,
  });
}

/**
 * The same insert as a statement, unexecuted: a caller embeds it in its own statement (a data-modifying
 * WITH clause), so the change and its event commit in one round trip without an explicit transaction.
 */
export function outboxStatement(db: Db | Tx, event: OutboxEvent): SQL {
  return db
    .insert(outbox)
    .values({ topic: event.topic, recipientUserId: event.recipientUserId ?? null, payload: event.payload })
    .getSQL();
}
