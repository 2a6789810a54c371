/**
 * Queries of patient creation and privacy erasure. Erasure must be one transaction across the tables that
 * may hold a patient's identity, so besides `patients` it touches the patient's account (`users`, whose
 * sessions and reset links cascade) and the free text other modules keep about the patient; records and
 * ratings scrub their own tables through their index.
 */
import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { scrubColumns } from '../../db/scrub.ts';
import { appointments, consentGrants, patients, users } from '../../db/schema/index.ts';
import { isUuid } from '../../../core/ids.ts';

export async function insertPatient(tx: Tx, values: typeof patients.$inferInsert) {
  const [row] = await tx.insert(patients).values(values).returning();
  return row!;
}

/** What other modules need to know of a patient before they write about them. */
export async function patientFacts(db: Db | Tx, ref: string) {
  const [row] = await db
    .select({
      id: patients.id,
      code: patients.code,
      userId: patients.userId,
      birthDate: patients.birthDate,
      erasedAt: patients.erasedAt,
    })
    .from(patients)
    .where(isUuid(ref) ? eq(patients.id, ref) : eq(patients.code, ref))
    .limit(1);
  return row;
}
export type PatientFacts = NonNullable<Awaited<ReturnType<typeof patientFacts>>>;

export async function accountOf(db: Db, userId: string) {
  const [row] = await db
    .select({ email: users.email, displayName: users.displayName })
    .from(users)
    .where(eq(users.id, userId));
  return row;
}

/** Free text about the patient kept by scheduling and consent: appointment reasons, emergency reasons. */
export async function scrubOtherModules(tx: Tx, patientId: string, pattern: string): Promise<void> {
  const reasons = [appointments.reason, appointments.cancellationReason];
  await scrubColumns(tx, appointments, eq(appointments.patientId, patientId), reasons, pattern);
  await scrubColumns(
    tx,
    consentGrants,
    eq(consentGrants.patientId, patientId),
    [consentGrants.reason],
    pattern,
  );
}

export async function pseudonymise(
  tx: Tx,
  patientId: string,
  values: Pick<typeof patients.$inferInsert, 'name' | 'birthDate'>,
  at: Date,
) {
  const [row] = await tx
    .update(patients)
    .set({
      ...values,
      email: null,
      phone: null,
      address: null,
      latitude: null,
      longitude: null,
      userId: null,
      erasedAt: at,
    })
    .where(eq(patients.id, patientId))
    .returning();
  return row!;
}

/** The account goes entirely: its sessions and reset links cascade; audit rows keep only its id. */
export async function deleteAccount(tx: Tx, userId: string): Promise<void> {
  await tx.delete(users).where(eq(users.id, userId));
}
