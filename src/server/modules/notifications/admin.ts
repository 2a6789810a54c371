/** Admins: the delivery log (per message, failed list), retrying dead deliveries, clinics' broadcast channels. */
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { conflict, notFound } from '../../../core/errors.ts';
import type { Page } from '../../../core/pagination.ts';
import type { Db } from '../../db/client.ts';
import { clinicNotificationChannels, notificationDeliveries as d } from '../../db/schema/index.ts';
import { decodeCursor, toPage, type CursorKey } from '../../http/pagination.ts';
import { findClinic } from '../clinics/index.ts';
import type { DeliveryQuery } from './schema.ts';

type Row = typeof d.$inferSelect;

/** Enough of an address to recognise it (a***@example.org, •••4321), not to copy it. */
export function maskAddress(channel: string, address: string): string {
  if (channel === 'email') {
    const at = address.lastIndexOf('@');
    return at > 0 ? `${address[0]!}***${address.slice(at)}` : '***';
  }
  if (channel === 'sms') return `•••${address.slice(-4)}`;
  if (channel === 'in_app') return 'inbox';
  return address;
}

const toView = (r: Row) => ({
  id: r.id,
  eventId: r.eventId,
  message: r.message,
  category: r.category,
  channel: r.channel,
  address: maskAddress(r.channel, r.address),
  userId: r.userId,
  clinicId: r.clinicId,
  appointmentId: r.appointmentId,
  status: r.status,
  attempts: r.attempts,
  lastError: r.lastError,
  nextAttemptAt: r.nextAttemptAt.toISOString(),
  sentAt: r.sentAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});
export type DeliveryView = ReturnType<typeof toView>;

/** Ids are UUIDv7: ordering by id is ordering by creation, on the primary key's index. */
const before = (after: CursorKey | undefined): SQL | undefined =>
  after ? sql`${d.id} < ${after[1]}::uuid` : undefined;

/** Newest first; `status=dead` is the failed list, `event=<id>` the log of one message. */
export async function deliveries(db: Db, q: DeliveryQuery): Promise<Page<DeliveryView>> {
  const rows = await db
    .select()
    .from(d)
    .where(
      and(
        q.status ? eq(d.status, q.status) : undefined,
        q.channel ? eq(d.channel, q.channel) : undefined,
        q.message ? eq(d.message, q.message) : undefined,
        q.event ? eq(d.eventId, q.event) : undefined,
        q.user ? eq(d.userId, q.user) : undefined,
        before(decodeCursor(q.cursor)),
      ),
    )
    .orderBy(desc(d.id))
    .limit(q.limit + 1);
  const page = toPage(rows, q.limit, (r) => [r.createdAt.toISOString(), r.id]);
  return { items: page.items.map(toView), nextCursor: page.nextCursor };
}

export async function delivery(db: Db, id: string): Promise<DeliveryView> {
  const [row] = await db.select().from(d).where(eq(d.id, id));
  if (!row) throw notFound('notification.delivery_not_found', 'No such delivery.');
  return toView(row);
}

/** A dead (or expired) delivery goes back to the queue with a fresh set of attempts. */
export async function retry(db: Db, id: string, now: Date): Promise<DeliveryView> {
  const [row] = await db
    .update(d)
    .set({
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      expiresAt: null,
      leaseUntil: null,
      updatedAt: now,
    })
    .where(and(eq(d.id, id), sql`${d.status} in ('dead', 'expired')`))
    .returning();
  if (row) return toView(row);
  await delivery(db, id);
  throw conflict('notification.not_failed', 'Only dead or expired deliveries can be retried.');
}

async function clinicIdOrThrow(db: Db, ref: string): Promise<string> {
  const clinic = await findClinic(db, ref);
  if (!clinic) throw notFound('clinic.not_found', 'No such clinic.');
  return clinic.id;
}

export async function clinicChannels(db: Db, ref: string) {
  const clinicId = await clinicIdOrThrow(db, ref);
  const items = await db
    .select({
      id: clinicNotificationChannels.id,
      channel: clinicNotificationChannels.channel,
      address: clinicNotificationChannels.address,
      locale: clinicNotificationChannels.locale,
    })
    .from(clinicNotificationChannels)
    .where(eq(clinicNotificationChannels.clinicId, clinicId))
    .orderBy(clinicNotificationChannels.channel, clinicNotificationChannels.address);
  return {
    items: items as {
      id: string;
      channel: 'telegram' | 'slack' | 'sms' | 'email';
      address: string;
      locale: string;
    }[],
  };
}

/** Replaces the clinic's broadcast channels with the given list (duplicates collapse). */
export async function setClinicChannels(
  db: Db,
  ref: string,
  channels: { channel: 'telegram' | 'slack' | 'sms' | 'email'; address: string; locale: string }[],
) {
  const clinicId = await clinicIdOrThrow(db, ref);
  const unique = [...new Map(channels.map((c) => [`${c.channel}\0${c.address}`, c])).values()];
  await db.transaction(async (tx) => {
    await tx.delete(clinicNotificationChannels).where(eq(clinicNotificationChannels.clinicId, clinicId));
    if (unique.length > 0)
      await tx.insert(clinicNotificationChannels).values(unique.map((c) => ({ clinicId, ...c })));
  });
  return clinicChannels(db, clinicId);
}
