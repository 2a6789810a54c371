/**
 * The patient timeline as one query: a UNION ALL of one branch per kind. Each branch walks its own
 * (patient_id, occurred_at, id) index backwards from the cursor and stops after `limit` rows, so a page
 * reads at most kinds × limit index entries however long the history is; the outer query merges them.
 * (occurred_at, id) orders entries totally: ties in time fall back to the id, so pages never overlap.
 */
import { and, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { queryRows, type Db } from '../../db/client.ts';
import { appointments, doctors } from '../../db/schema/index.ts';
import { KINDS } from './kinds.ts';
import type { TimelineKind } from './timeline-schema.ts';

interface Source {
  table: PgTable;
  id: PgColumn;
  patientId: PgColumn;
  at: PgColumn;
}

const entrySource = (t: (typeof KINDS)[keyof typeof KINDS]['table']): Source => ({
  table: t,
  id: t.id,
  patientId: t.patientId,
  at: t.occurredAt,
});

/** Appointments come straight from scheduling's table (read-only): the visit is part of the story. */
const SOURCES: Record<TimelineKind, Source> = {
  appointment: {
    table: appointments,
    id: appointments.id,
    patientId: appointments.patientId,
    at: appointments.startsAt,
  },
  encounter: entrySource(KINDS.encounter.table),
  diagnosis: entrySource(KINDS.diagnosis.table),
  prescription: entrySource(KINDS.prescription.table),
  lab_result: entrySource(KINDS.lab_result.table),
  note: entrySource(KINDS.note.table),
  billing_line: entrySource(KINDS.billing_line.table),
};

export interface TimelineFilter {
  patientId: string;
  kinds: readonly TimelineKind[];
  from?: Date | undefined;
  to?: Date | undefined;
  /** The last entry of the previous page: its instant (microseconds, UTC) and id. */
  after?: { at: string; id: string } | undefined;
  limit: number;
}

export interface TimelineKey {
  kind: TimelineKind;
  id: string;
  /** Full-precision instant, for the next cursor. */
  at: string;
}

function branch(kind: TimelineKind, f: TimelineFilter): SQL {
  const s = SOURCES[kind];
  const where = and(
    eq(s.patientId, f.patientId),
    f.from ? gte(s.at, f.from) : undefined,
    f.to ? lt(s.at, f.to) : undefined,
    f.after ? sql`(${s.at}, ${s.id}) < (${f.after.at}::timestamptz, ${f.after.id}::uuid)` : undefined,
  );
  return sql`(select ${kind}::text as kind, ${s.id} as id, ${s.at} as at from ${s.table}
    where ${where} order by ${s.at} desc, ${s.id} desc limit ${f.limit})`;
}

export function timelineKeys(db: Db, f: TimelineFilter): Promise<TimelineKey[]> {
  const union = sql.join(
    f.kinds.map((k) => branch(k, f)),
    sql` union all `,
  );
  return queryRows<TimelineKey>(
    db,
    sql`select t.kind, t.id, to_char(t.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at
        from (${union}) as t order by t.at desc, t.id desc limit ${f.limit}`,
  );
}

function appointmentRows(db: Db, where: SQL) {
  return db
    .select({
      id: appointments.id,
      patientId: appointments.patientId,
      startsAt: appointments.startsAt,
      status: appointments.status,
      reason: appointments.reason,
      doctor: { id: doctors.id, name: doctors.name },
    })
    .from(appointments)
    .innerJoin(doctors, eq(doctors.id, appointments.doctorId))
    .where(where)
    .orderBy(appointments.startsAt, appointments.id);
}
export type AppointmentRow = Awaited<ReturnType<typeof appointmentRows>>[number];

export const appointmentsByIds = (db: Db, ids: string[]) =>
  appointmentRows(db, inArray(appointments.id, ids));
export const appointmentsOfPatient = (db: Db, patientId: string) =>
  appointmentRows(db, eq(appointments.patientId, patientId));
