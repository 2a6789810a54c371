import type { SQL } from 'drizzle-orm';
import type { Page } from '../../../core/pagination.ts';
import type { Db, Tx } from '../../db/client.ts';
import type { Principal } from '../../http/access.ts';
import { decodeCursor, toPage } from '../../http/pagination.ts';
import * as repo from './repo.ts';
import type { AuditSearchQuery } from './schema.ts';

/** Who did it and from where: taken from the HTTP request (or the CLI). */
export interface AuditContext {
  actor: Principal | undefined;
  ip: string | null;
  requestId: string | null;
}

export interface AuditEntry {
  action: string;
  patientId: string | null;
  outcome: 'allowed' | 'denied';
  /** Ids and codes only: never names, contact details or clinical text. */
  details?: Record<string, string | number | boolean | null>;
}

/** Appends one event. Pass the transaction of the change so the event and the change commit together. */
export async function record(db: Db | Tx, ctx: AuditContext, entry: AuditEntry): Promise<void> {
  await recordMany(db, ctx, [entry]);
}

/** One event per patient touched (e.g. by a list read), in one insert. */
export async function recordMany(db: Db | Tx, ctx: AuditContext, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await repo.insertEvents(db, toRows(ctx, entries));
}

/** The insert of one event as an unexecuted statement, for a caller's data-modifying WITH clause. */
export function statement(db: Db | Tx, ctx: AuditContext, entry: AuditEntry): SQL {
  return repo.insertStatement(db, toRows(ctx, [entry]));
}

const toRows = (ctx: AuditContext, entries: AuditEntry[]): repo.AuditInsert[] =>
  entries.map((entry) => ({
    actorUserId: ctx.actor?.userId ?? null,
    actorRole: ctx.actor?.role ?? 'anonymous',
    action: entry.action,
    patientId: entry.patientId,
    outcome: entry.outcome,
    ip: ctx.ip,
    requestId: ctx.requestId,
    details: entry.details ?? null,
  }));

const cursorOf = (r: { at: Date; id: string }): [string, string] => [r.at.toISOString(), r.id];

export async function search(db: Db, query: AuditSearchQuery) {
  const rows = await repo.search(db, {
    patientId: query.patient,
    actorUserId: query.actor,
    action: query.action,
    outcome: query.outcome,
    from: query.from,
    to: query.to,
    after: decodeCursor(query.cursor),
    limit: query.limit + 1,
  });
  const page = toPage(rows, query.limit, cursorOf);
  return { items: page.items.map((r) => ({ ...r, at: r.at.toISOString() })), nextCursor: page.nextCursor };
}

export interface AccessLogItem {
  id: string;
  at: string;
  action: string;
  outcome: 'allowed' | 'denied';
  actor: { role: string; name: string | null };
}

export async function accessLog(
  db: Db,
  patientId: string,
  query: { cursor?: string | undefined; limit: number },
): Promise<Page<AccessLogItem>> {
  const rows = await repo.accessLog(db, patientId, decodeCursor(query.cursor), query.limit + 1);
  const page = toPage(rows, query.limit, cursorOf);
  return {
    items: page.items.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      action: r.action,
      outcome: r.outcome,
      actor: { role: r.actorRole, name: r.actorName },
    })),
    nextCursor: page.nextCursor,
  };
}
