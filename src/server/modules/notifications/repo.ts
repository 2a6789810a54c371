/** The delivery queue: insert (deduplicated), claim with a lease, record outcomes, withdraw. Drizzle only. */
import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { queryRows, type Db, type Tx } from '../../db/client.ts';
import {
  notificationDeliveries as d,
  notificationInbox,
  notificationReminders,
  outbox,
} from '../../db/schema/index.ts';

export type NewDelivery = typeof d.$inferInsert;
export type DeliveryRow = typeof d.$inferSelect;

const CHUNK = 1000;

/** Inserts deliveries whose dedupe key is new; returns how many were. A second fan-out inserts none. */
export async function insertDeliveries(db: Db | Tx, rows: NewDelivery[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const done = await db
      .insert(d)
      .values(rows.slice(i, i + CHUNK))
      .onConflictDoNothing({ target: d.dedupeKey })
      .returning({ id: d.id });
    inserted += done.length;
  }
  return inserted;
}

/** Claims whose lease ran out (their sender died) go back to the queue; `all` when this process owns the database alone. */
export async function releaseLeases(db: Db, now: Date, all = false): Promise<number> {
  const rows = await db
    .update(d)
    .set({ status: 'pending', leaseUntil: null, nextAttemptAt: now, updatedAt: now })
    .where(and(eq(d.status, 'sending'), all ? undefined : lte(d.leaseUntil, now)))
    .returning({ id: d.id });
  return rows.length;
}

/** Takes up to `limit` due deliveries for this sender until `leaseUntil`; concurrent senders skip them. */
export async function claimDue(db: Db, now: Date, leaseUntil: Date, limit: number): Promise<DeliveryRow[]> {
  const due = db
    .select({ id: d.id })
    .from(d)
    .where(and(eq(d.status, 'pending'), lte(d.nextAttemptAt, now)))
    .orderBy(asc(d.nextAttemptAt))
    .limit(limit)
    .for('update', { skipLocked: true });
  return db
    .update(d)
    .set({ status: 'sending', leaseUntil, attempts: sql`${d.attempts} + 1`, updatedAt: now })
    .where(inArray(d.id, due))
    .returning();
}

export interface Result {
  id: string;
  status: 'sent' | 'pending' | 'dead' | 'withdrawn' | 'expired';
  nextAttemptAt?: Date | undefined;
  lastError?: string | undefined;
  /** Gives the attempt back (a deferral, not a failure: rate-limited channel, quiet hours). */
  refund?: boolean;
}

/**
 * Writes a batch's outcomes in one statement. The lease is the fencing token: a sender whose lease ran out
 * (and whose deliveries another sender took over) changes nothing.
 */
export async function recordResults(db: Db, results: Result[], lease: Date, now: Date): Promise<void> {
  if (results.length === 0) return;
  const at = now.toISOString();
  // Arrays (one parameter each, not expanded) unnested into rows: a plan that joins by primary key.
  await db.execute(sql`
    update ${d} set
      status = v.status,
      next_attempt_at = coalesce(v.next, ${at}::timestamptz),
      last_error = coalesce(v.error, ${d.lastError}),
      sent_at = case when v.status = 'sent' then ${at}::timestamptz else ${d.sentAt} end,
      attempts = ${d.attempts} - v.refund,
      lease_until = null,
      updated_at = ${at}::timestamptz
    from unnest(
      ${sql.param(results.map((r) => r.id))}::uuid[],
      ${sql.param(results.map((r) => r.status))}::text[],
      ${sql.param(results.map((r) => r.nextAttemptAt?.toISOString() ?? null))}::timestamptz[],
      ${sql.param(results.map((r) => r.lastError ?? null))}::text[],
      ${sql.param(results.map((r) => (r.refund ? 1 : 0)))}::int[]
    ) as v(id, status, next, error, refund)
    where ${d.id} = v.id and ${d.status} = 'sending' and ${d.leaseUntil} = ${lease.toISOString()}::timestamptz`);
}

/** Reminders claimed for an appointment no longer booked at that time (cancelled, moved, done). */
export async function staleReminderIds(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select ${d.id} as id from ${d} join appointments a on a.id = ${d.appointmentId}
        where ${inArray(d.id, ids)} and (a.status <> 'booked' or a.starts_at <> ${d.expiresAt})`,
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * Withdraws the pending reminders of an appointment (rescheduled, cancelled): the rows stay for the log and
 * give up their dedupe keys; the reminder markers go, so the new time gets its own reminder.
 */
export async function withdrawReminders(tx: Db | Tx, appointmentId: string, now: Date): Promise<void> {
  await tx
    .update(d)
    .set({
      status: 'withdrawn',
      dedupeKey: sql`${d.dedupeKey} || '#withdrawn:' || ${d.id}::text`,
      lastError: null,
      updatedAt: now,
    })
    .where(
      and(eq(d.appointmentId, appointmentId), eq(d.message, 'appointment.reminder'), eq(d.status, 'pending')),
    );
  await tx.delete(notificationReminders).where(eq(notificationReminders.appointmentId, appointmentId));
}

/** In-app deliveries land in the inbox; the delivery id is unique there, so a re-send lands once. */
export async function insertInbox(db: Db, rows: (typeof notificationInbox.$inferInsert)[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(notificationInbox)
    .values(rows)
    .onConflictDoNothing({ target: notificationInbox.deliveryId });
}

export async function queueCounts(db: Db): Promise<{ channel: string; status: string; n: number }[]> {
  return queryRows(
    db,
    sql`select channel, status, count(*)::int as n from ${d}
        where status in ('pending', 'sending', 'dead') group by channel, status`,
  );
}

/** Deliveries not finished yet (pending or being sent): zero when the queue is drained. */
export async function openCount(db: Db): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from ${d} where status in ('pending', 'sending')`,
  );
  return row?.n ?? 0;
}

export type OutboxRow = typeof outbox.$inferSelect;

/** Unpublished events, oldest first, locked for this transaction (other dispatchers skip them). */
export function claimOutbox(tx: Tx, limit: number): Promise<OutboxRow[]> {
  return tx
    .select()
    .from(outbox)
    .where(isNull(outbox.publishedAt))
    .orderBy(asc(outbox.createdAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}

export async function markPublished(tx: Tx, ids: string[], now: Date): Promise<void> {
  if (ids.length > 0) await tx.update(outbox).set({ publishedAt: now }).where(inArray(outbox.id, ids));
}
