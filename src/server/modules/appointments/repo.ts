import { and, asc, desc, eq, gt, gte, lt, ne, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db, type Tx } from '../../db/client.ts';
import { appointments, clinics, doctors, idempotencyKeys, patients } from '../../db/schema/index.ts';

/** A doctor cares for a patient once they have (had) a non-cancelled appointment together. */
export async function hasCareRelationship(
  db: Db | Tx,
  doctorId: string,
  patientId: string,
): Promise<boolean> {
  const rows = await db
    .select({ one: sql<number>`1` })
    .from(appointments)
    .where(
      and(
        eq(appointments.doctorId, doctorId),
        eq(appointments.patientId, patientId),
        ne(appointments.status, 'cancelled'),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** Subquery of the patient ids a doctor cares for (for filtering patient lists). */
export function patientIdsOfDoctor(db: Db, doctorId: string) {
  return db
    .selectDistinct({ patientId: appointments.patientId })
    .from(appointments)
    .where(and(eq(appointments.doctorId, doctorId), ne(appointments.status, 'cancelled')));
}

const view = {
  id: appointments.id,
  status: appointments.status,
  startsAt: appointments.startsAt,
  endsAt: appointments.endsAt,
  reason: appointments.reason,
  bookedAt: appointments.bookedAt,
  doctor: { id: doctors.id, code: doctors.code, name: doctors.name, specialty: doctors.specialty },
  clinic: { id: clinics.id, code: clinics.code, name: clinics.name, timezone: clinics.timezone },
  patient: { id: patients.id, code: patients.code, name: patients.name },
};

export type AppointmentView = Awaited<ReturnType<typeof viewQuery>>[number];

function viewQuery(db: Db | Tx, where: SQL | undefined) {
  return db
    .select(view)
    .from(appointments)
    .innerJoin(doctors, eq(doctors.id, appointments.doctorId))
    .innerJoin(clinics, eq(clinics.id, appointments.clinicId))
    .innerJoin(patients, eq(patients.id, appointments.patientId))
    .where(where);
}

export async function findView(db: Db | Tx, id: string): Promise<AppointmentView | undefined> {
  const [row] = await viewQuery(db, eq(appointments.id, id)).limit(1);
  return row;
}

/** The raw row, locked for a state change. */
export async function lockAppointment(tx: Tx, id: string) {
  const [row] = await tx.select().from(appointments).where(eq(appointments.id, id)).for('update').limit(1);
  return row;
}

export async function insertAppointment(tx: Tx, values: typeof appointments.$inferInsert) {
  const [row] = await tx
    .insert(appointments)
    .values(values)
    .returning({ id: appointments.id, bookedAt: appointments.bookedAt });
  return row!;
}

/** The facts other modules check a visit against (records attach encounters, ratings need completion). */
export async function visitFacts(db: Db | Tx, id: string) {
  const [row] = await db
    .select({
      id: appointments.id,
      patientId: appointments.patientId,
      doctorId: appointments.doctorId,
      status: appointments.status,
      startsAt: appointments.startsAt,
    })
    .from(appointments)
    .where(eq(appointments.id, id))
    .limit(1);
  return row;
}

/**
 * Inserts an appointment with statements that must commit with it (its outbox event, audit row, the
 * idempotency key's settlement) as ONE statement of data-modifying WITH clauses: all or nothing, in a
 * single round trip, without an explicit transaction. The 23P01 of an overlap aborts every part.
 */
export async function insertAppointmentWith(
  db: Db | Tx,
  values: typeof appointments.$inferInsert & { id: string },
  effects: SQL[],
): Promise<{ bookedAt: Date }> {
  const insert = db.insert(appointments).values(values).returning({ bookedAt: appointments.bookedAt });
  const clauses = effects.map((effect, i) => sql`${sql.identifier(`effect${String(i)}`)} as (${effect})`);
  const statement = clauses.length
    ? sql`with ${sql.join(clauses, sql`, `)} ${insert.getSQL()}`
    : insert.getSQL();
  const [row] = await queryRows<{ booked_at: Date | string }>(db, statement);
  return { bookedAt: new Date(row!.booked_at) };
}

export function settleIdempotencyKeyStatement(db: Db | Tx, id: string, appointmentId: string): SQL {
  return db.update(idempotencyKeys).set({ appointmentId }).where(eq(idempotencyKeys.id, id)).getSQL();
}

export async function updateAppointment(
  tx: Tx,
  id: string,
  values: Partial<typeof appointments.$inferInsert>,
) {
  await tx.update(appointments).set(values).where(eq(appointments.id, id));
}

/** A patient's appointments: upcoming soonest first, past newest first. */
export function patientAppointments(
  db: Db,
  patientId: string,
  scope: 'upcoming' | 'past',
  now: Date,
  after: [string, string] | undefined,
  limit: number,
) {
  const upcoming = scope === 'upcoming';
  const cursor = after
    ? upcoming
      ? sql`(${appointments.startsAt}, ${appointments.id}) > (${after[0]}::timestamptz, ${after[1]}::uuid)`
      : sql`(${appointments.startsAt}, ${appointments.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`
    : undefined;
  const when = upcoming ? gte(appointments.endsAt, now) : lt(appointments.endsAt, now);
  const order = upcoming
    ? [asc(appointments.startsAt), asc(appointments.id)]
    : [desc(appointments.startsAt), desc(appointments.id)];
  return viewQuery(db, and(eq(appointments.patientId, patientId), when, cursor))
    .orderBy(...order)
    .limit(limit);
}

/** Appointments in a window for one doctor or one clinic, in time order (agendas and the day board). */
export function windowAppointments(
  db: Db,
  by: { doctorId?: string; clinicId?: string },
  from: Date,
  to: Date,
) {
  return viewQuery(
    db,
    and(
      by.doctorId ? eq(appointments.doctorId, by.doctorId) : undefined,
      by.clinicId ? eq(appointments.clinicId, by.clinicId) : undefined,
      lt(appointments.startsAt, to),
      gt(appointments.endsAt, from),
    ),
  ).orderBy(asc(appointments.startsAt), asc(doctors.name));
}

/** Claims an idempotency key; returns the earlier claim when the key was used before. */
export async function claimIdempotencyKey(tx: Tx, userId: string, key: string, requestHash: string) {
  const inserted = await tx
    .insert(idempotencyKeys)
    .values({ userId, key, requestHash })
    .onConflictDoNothing()
    .returning({ id: idempotencyKeys.id });
  if (inserted.length > 0) return { claimed: true as const, id: inserted[0]!.id };
  const [earlier] = await tx
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)))
    .limit(1);
  // The conflicting row exists: ON CONFLICT waited for its transaction to commit.
  if (!earlier) throw new Error('idempotency key conflict without a row');
  return { claimed: false as const, earlier };
}

export async function settleIdempotencyKey(tx: Tx, id: string, appointmentId: string): Promise<void> {
  await tx.update(idempotencyKeys).set({ appointmentId }).where(eq(idempotencyKeys.id, id));
}
