import { and, desc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import { preparedPer, type Db, type Tx } from '../../db/client.ts';
import { doctors, passwordResets, patients, sessions, users } from '../../db/schema/index.ts';

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;

export async function userByEmail(db: Db | Tx, email: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`)
    .limit(1);
  return row;
}

export async function userById(db: Db | Tx, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

export async function updateUser(
  db: Db | Tx,
  id: string,
  values: Partial<typeof users.$inferInsert>,
): Promise<void> {
  await db.update(users).set(values).where(eq(users.id, id));
}

/** Counts one failure atomically (concurrent wrong guesses must all count). */
export async function countFailure(db: Db | Tx, id: string): Promise<UserRow> {
  const [row] = await db
    .update(users)
    .set({ failedLogins: sql`${users.failedLogins} + 1` })
    .where(eq(users.id, id))
    .returning();
  return row!;
}

export async function insertSession(db: Db | Tx, values: typeof sessions.$inferInsert): Promise<SessionRow> {
  const [row] = await db.insert(sessions).values(values).returning();
  return row!;
}

/** The session for a token hash with its user and linked doctor/patient records, in one query. */
function sessionLookup(db: Db | Tx) {
  return db
    .select({
      session: sessions,
      user: { id: users.id, role: users.role, disabledAt: users.disabledAt },
      doctorId: doctors.id,
      patientId: patients.id,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(doctors, eq(doctors.userId, users.id))
    .leftJoin(patients, eq(patients.userId, users.id))
    .where(eq(sessions.tokenHash, sql.placeholder('tokenHash')))
    .limit(1)
    .prepare('session_by_token_hash');
}

/** Runs on every authenticated request: built and prepared once per database, not per call. */
const preparedLookup = preparedPer(sessionLookup);

/** The session for a token hash with its user and linked doctor/patient records, in one query. */
export async function sessionByTokenHash(db: Db, tokenHash: string) {
  const [row] = await preparedLookup(db).execute({ tokenHash });
  return row;
}

export async function touchSession(db: Db, id: string, now: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
}

export function activeSessions(db: Db, userId: string, now: Date) {
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.lastSeenAt));
}

export async function revokeSession(
  db: Db | Tx,
  userId: string,
  sessionId: string,
  now: Date,
): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.length;
}

/** Revokes every session of the user except `keep` (none when undefined). */
export async function revokeAllSessions(
  db: Db | Tx,
  userId: string,
  now: Date,
  keep?: string,
): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(
      and(eq(sessions.userId, userId), isNull(sessions.revokedAt), keep ? ne(sessions.id, keep) : undefined),
    )
    .returning({ id: sessions.id });
  return rows.length;
}

export async function insertReset(db: Db | Tx, values: typeof passwordResets.$inferInsert): Promise<void> {
  await db.insert(passwordResets).values(values);
}

export async function findReset(db: Db | Tx, tokenHash: string, now: Date) {
  const [row] = await db
    .select({ userId: passwordResets.userId })
    .from(passwordResets)
    .where(
      and(
        eq(passwordResets.tokenHash, tokenHash),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, now),
      ),
    )
    .limit(1);
  return row;
}

/** Marks a valid, unused reset link used and returns its user; undefined when invalid/expired/used. */
export async function consumeReset(db: Db | Tx, tokenHash: string, now: Date): Promise<string | undefined> {
  const [row] = await db
    .update(passwordResets)
    .set({ usedAt: now })
    .where(
      and(
        eq(passwordResets.tokenHash, tokenHash),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, now),
      ),
    )
    .returning({ userId: passwordResets.userId });
  return row?.userId;
}

/** The doctor and patient records linked to an account, if any. */
export async function linkedRecords(db: Db | Tx, userId: string) {
  const [doctor] = await db
    .select({ id: doctors.id })
    .from(doctors)
    .where(eq(doctors.userId, userId))
    .limit(1);
  const [patient] = await db
    .select({ id: patients.id })
    .from(patients)
    .where(eq(patients.userId, userId))
    .limit(1);
  return { doctorId: doctor?.id ?? null, patientId: patient?.id ?? null };
}
