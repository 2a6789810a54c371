import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { auditEvents, users } from '../../db/schema/index.ts';
import type { CursorKey } from '../../http/pagination.ts';

export type AuditInsert = typeof auditEvents.$inferInsert;
export type AuditRow = typeof auditEvents.$inferSelect;

export async function insertEvents(db: Db | Tx, rows: AuditInsert[]): Promise<void> {
  await db.insert(auditEvents).values(rows);
}

export function insertStatement(db: Db | Tx, rows: AuditInsert[]): SQL {
  return db.insert(auditEvents).values(rows).getSQL();
}

/** Newest first; the cursor is (at, id) of the last row seen. */
const before = (after: CursorKey | undefined): SQL | undefined =>
  after
    ? sql`(${auditEvents.at}, ${auditEvents.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`
    : undefined;

export interface AuditFilter {
  patientId?: string | undefined;
  actorUserId?: string | undefined;
  action?: string | undefined;
  outcome?: 'allowed' | 'denied' | undefined;
  from?: string | undefined;
  to?: string | undefined;
  after?: CursorKey | undefined;
  limit: number;
}

export function search(db: Db, f: AuditFilter): Promise<AuditRow[]> {
  return db
    .select()
    .from(auditEvents)
    .where(
      and(
        f.patientId ? eq(auditEvents.patientId, f.patientId) : undefined,
        f.actorUserId ? eq(auditEvents.actorUserId, f.actorUserId) : undefined,
        f.action ? eq(auditEvents.action, f.action) : undefined,
        f.outcome ? eq(auditEvents.outcome, f.outcome) : undefined,
        f.from ? gte(auditEvents.at, new Date(f.from)) : undefined,
        f.to ? lt(auditEvents.at, new Date(f.to)) : undefined,
        before(f.after),
      ),
    )
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(f.limit);
}

/** A patient's view: who touched my data, with the actor's display name (never their email). */
export function accessLog(db: Db, patientId: string, after: CursorKey | undefined, limit: number) {
  return db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      action: auditEvents.action,
      outcome: auditEvents.outcome,
      actorRole: auditEvents.actorRole,
      actorName: users.displayName,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(and(eq(auditEvents.patientId, patientId), before(after)))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(limit);
}
