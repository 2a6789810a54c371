/**
 * Alerts' queries. The daily counts read diagnoses, appointments and patients' neighbourhoods read-only
 * (aggregates only: no row leaves this file with a person in it); alerts and their recipients are ours.
 */
import { and, desc, eq, gte, inArray, isNotNull, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import {
  alertRecipients,
  alerts,
  appointments,
  clinics,
  diagnoses,
  patients,
  type AlertStatus,
} from '../../db/schema/index.ts';

export type AlertRow = typeof alerts.$inferSelect;
export type NewAlert = typeof alerts.$inferInsert;

export interface CountRow {
  neighbourhood: string;
  key: string;
  day: string;
  count: number;
}

const localDay = (zone: string, column: SQL | typeof diagnoses.occurredAt | typeof appointments.startsAt) =>
  sql<string>`to_char(timezone(${zone}, ${column}), 'YYYY-MM-DD')`;

/** Diagnoses per neighbourhood (where the patient lives), full code and local day in [from, to). */
export function diagnosisCounts(db: Db | Tx, from: Date, to: Date, zone: string): Promise<CountRow[]> {
  return db
    .select({
      neighbourhood: patients.neighbourhood,
      key: diagnoses.code,
      day: localDay(zone, diagnoses.occurredAt),
      count: sql<number>`count(*)::int`,
    })
    .from(diagnoses)
    .innerJoin(patients, eq(patients.id, diagnoses.patientId))
    .where(and(gte(diagnoses.occurredAt, from), lt(diagnoses.occurredAt, to)))
    .groupBy(sql`1`, sql`2`, sql`3`);
}

const reasonKey = sql<string>`lower(btrim(${appointments.reason}))`;
const activeVisit = (from: Date, to: Date) =>
  and(
    isNotNull(appointments.reason),
    ne(appointments.status, 'cancelled'),
    gte(appointments.startsAt, from),
    lt(appointments.startsAt, to),
  );

/**
 * Appointment reasons per neighbourhood and local day, for reasons that at least `minPatients` different
 * patients gave in the window: a reason typed by one person never becomes a public condition name.
 */
export async function reasonCounts(
  db: Db | Tx,
  from: Date,
  to: Date,
  zone: string,
  minPatients: number,
): Promise<(CountRow & { label: string })[]> {
  const common = db
    .select({ key: reasonKey.as('key') })
    .from(appointments)
    .where(activeVisit(from, to))
    .groupBy(sql`1`)
    .having(sql`count(distinct ${appointments.patientId}) >= ${minPatients}`);
  return db
    .select({
      neighbourhood: patients.neighbourhood,
      key: reasonKey,
      day: localDay(zone, appointments.startsAt),
      count: sql<number>`count(*)::int`,
      label: sql<string>`min(btrim(${appointments.reason}))`,
    })
    .from(appointments)
    .innerJoin(patients, eq(patients.id, appointments.patientId))
    .where(and(activeVisit(from, to), inArray(reasonKey, common)))
    .groupBy(sql`1`, sql`2`, sql`3`);
}

export function activeAlerts(db: Db | Tx): Promise<AlertRow[]> {
  return db.select().from(alerts).where(ne(alerts.status, 'closed'));
}

/** Series whose alert closed on or after `date`: re-judging an earlier day must not reopen them. */
export async function closedSince(db: Db | Tx, date: string): Promise<AlertRow[]> {
  return db
    .select()
    .from(alerts)
    .where(and(eq(alerts.status, 'closed'), gte(alerts.closedOn, date)));
}

export async function insertAlert(tx: Tx, values: NewAlert): Promise<AlertRow> {
  const [row] = await tx.insert(alerts).values(values).returning();
  return row!;
}

export async function updateAlert(tx: Tx, id: string, values: Partial<NewAlert>): Promise<AlertRow> {
  const [row] = await tx.update(alerts).set(values).where(eq(alerts.id, id)).returning();
  return row!;
}

/** Open → confirmed; undefined when the alert is not open (already confirmed, closed or unknown). */
export async function confirmOpen(
  tx: Tx,
  id: string,
  by: { userId: string | null; auto: boolean; at: Date },
): Promise<AlertRow | undefined> {
  const [row] = await tx
    .update(alerts)
    .set({ status: 'confirmed', confirmedAt: by.at, confirmedByUserId: by.userId, autoConfirmed: by.auto })
    .where(and(eq(alerts.id, id), eq(alerts.status, 'open')))
    .returning();
  return row;
}

export async function findAlert(db: Db | Tx, id: string): Promise<AlertRow | undefined> {
  const [row] = await db.select().from(alerts).where(eq(alerts.id, id)).limit(1);
  return row;
}

export function listAlerts(
  db: Db,
  q: { area?: string | undefined; statuses: AlertStatus[]; limit: number },
): Promise<AlertRow[]> {
  return db
    .select()
    .from(alerts)
    .where(
      and(
        inArray(alerts.status, q.statuses),
        q.area === undefined ? undefined : sql`lower(${alerts.neighbourhood}) = lower(${q.area})`,
      ),
    )
    .orderBy(desc(alerts.lastAlarmOn), desc(alerts.id))
    .limit(q.limit);
}

/**
 * Records the people to notify of an alert — account holders who live in the neighbourhood or have an
 * appointment (within `around` of the alert) at a clinic there — and returns only those not recorded
 * before: the (alert, user) primary key makes each person's notification happen once.
 */
export async function addRecipients(
  tx: Tx,
  alert: AlertRow,
  around: { from: Date; to: Date },
): Promise<string[]> {
  const booked = tx
    .select({ id: appointments.patientId })
    .from(appointments)
    .innerJoin(clinics, eq(clinics.id, appointments.clinicId))
    .where(
      and(
        eq(clinics.neighbourhood, alert.neighbourhood),
        gte(appointments.startsAt, around.from),
        lt(appointments.startsAt, around.to),
      ),
    );
  const people = await tx
    .selectDistinct({ userId: patients.userId })
    .from(patients)
    .where(
      and(
        isNotNull(patients.userId),
        isNull(patients.erasedAt),
        or(eq(patients.neighbourhood, alert.neighbourhood), inArray(patients.id, booked)),
      ),
    );
  if (people.length === 0) return [];
  const rows = await tx
    .insert(alertRecipients)
    .values(people.map((p) => ({ alertId: alert.id, userId: p.userId! })))
    .onConflictDoNothing()
    .returning({ userId: alertRecipients.userId });
  return rows.map((r) => r.userId);
}

export async function recipientCount(db: Db, alertId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(alertRecipients)
    .where(eq(alertRecipients.alertId, alertId));
  return row?.n ?? 0;
}
