/**
 * What retention archives, as groups that move together: a root table whose old rows are chosen by age,
 * and the rows that depend on them. See docs/decisions (retention policy) for why these and not others:
 * clinical entries and the audit trail are kept (database triggers refuse their deletion on purpose), and so
 * are appointments that a clinical record or a rating points at.
 *
 * Rows travel as `to_jsonb(row)::text` and come back through `jsonb_populate_recordset`, so PostgreSQL's own
 * casts carry every type (timestamps to the microsecond, numerics, jsonb) both ways.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import {
  appointments,
  encounters,
  idempotencyKeys,
  notificationDeliveries,
  notificationInbox,
  notificationReminders,
  outbox,
  ratings,
} from '../../server/db/schema/index.ts';

export const GROUP_NAMES = ['appointments', 'notifications', 'outbox'] as const;
export type GroupName = (typeof GROUP_NAMES)[number];

export interface TableSpec {
  name: string;
  table: PgTable;
  /** The rows of this table that belong to the chosen root ids. */
  scope: (ids: SQL) => SQL;
}

export interface GroupSpec {
  name: GroupName;
  /** Which retention period applies. */
  period: 'appointmentDays' | 'notificationDays';
  /** Root ids older than the cutoff and allowed to go, oldest first, at most `limit`. */
  candidates: (cutoff: Date, limit: number) => SQL;
  /** Root table first; deletion runs in reverse, restore in this order. */
  tables: TableSpec[];
}

const a = appointments;
const d = notificationDeliveries;

export const GROUPS: readonly GroupSpec[] = [
  {
    name: 'appointments',
    period: 'appointmentDays',
    // Finished visits only; a visit with a clinical record or a rating stays (records are kept for years,
    // and the foreign keys from encounters and ratings would refuse the deletion anyway).
    candidates: (cutoff, limit) => sql`
      select ${a.id}::text as id from ${a}
      where ${a.endsAt} < ${cutoff.toISOString()}::timestamptz
        and ${a.status} in ('completed', 'no_show', 'cancelled')
        and not exists (select 1 from ${encounters} where ${encounters.appointmentId} = ${a.id})
        and not exists (select 1 from ${ratings} where ${ratings.appointmentId} = ${a.id})
      order by ${a.endsAt}, ${a.id} limit ${limit}`,
    tables: [
      { name: 'appointments', table: a, scope: (ids) => sql`${a.id} = any(${ids})` },
      {
        name: 'notification_reminders',
        table: notificationReminders,
        scope: (ids) => sql`${notificationReminders.appointmentId} = any(${ids})`,
      },
      {
        name: 'idempotency_keys',
        table: idempotencyKeys,
        scope: (ids) => sql`${idempotencyKeys.appointmentId} = any(${ids})`,
      },
    ],
  },
  {
    name: 'notifications',
    period: 'notificationDays',
    // Settled deliveries only: pending and sending ones are still the dispatcher's work.
    candidates: (cutoff, limit) => sql`
      select ${d.id}::text as id from ${d}
      where ${d.createdAt} < ${cutoff.toISOString()}::timestamptz
        and ${d.status} in ('sent', 'dead', 'withdrawn', 'expired')
      order by ${d.id} limit ${limit}`,
    tables: [
      { name: 'notification_deliveries', table: d, scope: (ids) => sql`${d.id} = any(${ids})` },
      {
        name: 'notification_inbox',
        table: notificationInbox,
        scope: (ids) => sql`${notificationInbox.deliveryId} = any(${ids})`,
      },
    ],
  },
  {
    name: 'outbox',
    period: 'notificationDays',
    // Published events only: an unpublished one has not been delivered yet.
    candidates: (cutoff, limit) => sql`
      select ${outbox.id}::text as id from ${outbox}
      where ${outbox.createdAt} < ${cutoff.toISOString()}::timestamptz and ${outbox.publishedAt} is not null
      order by ${outbox.id} limit ${limit}`,
    tables: [{ name: 'outbox', table: outbox, scope: (ids) => sql`${outbox.id} = any(${ids})` }],
  },
];

export function groupSpec(name: string): GroupSpec | undefined {
  return GROUPS.find((g) => g.name === name);
}

/** The ids as one array parameter (not one parameter per id). */
export const idArray = (ids: readonly string[]): SQL => sql`${sql.param(ids)}::uuid[]`;

/** Each row of the table in scope as its JSON text. */
export const selectRecords = (spec: TableSpec, ids: SQL, lock = false): SQL =>
  sql`select to_jsonb(${spec.table})::text as record from ${spec.table} where ${spec.scope(ids)}${lock ? sql` for update` : sql``}`;

export const deleteRows = (spec: TableSpec, ids: SQL): SQL =>
  sql`with gone as (delete from ${spec.table} where ${spec.scope(ids)} returning 1) select count(*)::int as n from gone`;

/** Inserts archived rows that are not there yet; rows already present (same key) are left as they are. */
export const insertRecords = (spec: TableSpec, json: string): SQL =>
  sql`with added as (
        insert into ${spec.table}
        select * from jsonb_populate_recordset(null::${spec.table}, ${json}::jsonb)
        on conflict do nothing returning 1)
      select count(*)::int as n from added`;
