import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { consentChallenges, consentGrants, doctors } from '../../db/schema/index.ts';

export type ChallengeRow = typeof consentChallenges.$inferSelect;
export type GrantRow = typeof consentGrants.$inferSelect;

export async function insertChallenge(tx: Tx, values: typeof consentChallenges.$inferInsert): Promise<void> {
  await tx.insert(consentChallenges).values(values);
}

/** Locks the challenge row: concurrent code entries are counted one after another. */
export async function challengeForUpdate(tx: Tx, id: string): Promise<ChallengeRow | undefined> {
  const [row] = await tx
    .select()
    .from(consentChallenges)
    .where(eq(consentChallenges.id, id))
    .for('update')
    .limit(1);
  return row;
}

export async function updateChallenge(tx: Tx, id: string, values: Partial<ChallengeRow>): Promise<void> {
  await tx.update(consentChallenges).set(values).where(eq(consentChallenges.id, id));
}

export async function insertGrant(tx: Tx, values: typeof consentGrants.$inferInsert) {
  const [row] = await tx.insert(consentGrants).values(values).returning();
  return row!;
}

const doctorColumns = { id: doctors.id, name: doctors.name, specialty: doctors.specialty };

export function pendingForPatient(db: Db, patientId: string, now: Date) {
  return db
    .select({ challenge: consentChallenges, doctor: doctorColumns })
    .from(consentChallenges)
    .innerJoin(doctors, eq(doctors.id, consentChallenges.doctorId))
    .where(
      and(
        eq(consentChallenges.patientId, patientId),
        eq(consentChallenges.status, 'pending'),
        gt(consentChallenges.expiresAt, now),
      ),
    )
    .orderBy(desc(consentChallenges.createdAt));
}

/** Active grants, filtered by patient and/or doctor. */
export function activeGrants(db: Db | Tx, now: Date, by: { patientId?: string; doctorId?: string }) {
  return db
    .select({ grant: consentGrants, doctor: doctorColumns })
    .from(consentGrants)
    .innerJoin(doctors, eq(doctors.id, consentGrants.doctorId))
    .where(
      and(
        by.patientId ? eq(consentGrants.patientId, by.patientId) : undefined,
        by.doctorId ? eq(consentGrants.doctorId, by.doctorId) : undefined,
        isNull(consentGrants.revokedAt),
        gt(consentGrants.expiresAt, now),
      ),
    )
    .orderBy(desc(consentGrants.grantedAt));
}

export async function revokeGrant(
  db: Db | Tx,
  patientId: string,
  grantId: string,
  now: Date,
): Promise<number> {
  const rows = await db
    .update(consentGrants)
    .set({ revokedAt: now })
    .where(
      and(
        eq(consentGrants.id, grantId),
        eq(consentGrants.patientId, patientId),
        isNull(consentGrants.revokedAt),
      ),
    )
    .returning({ id: consentGrants.id });
  return rows.length;
}

export function emergencyGrants(db: Db, limit: number) {
  return db
    .select({ grant: consentGrants, doctor: { id: doctors.id, name: doctors.name } })
    .from(consentGrants)
    .innerJoin(doctors, eq(doctors.id, consentGrants.doctorId))
    .where(eq(consentGrants.kind, 'emergency'))
    .orderBy(desc(consentGrants.grantedAt))
    .limit(limit);
}
