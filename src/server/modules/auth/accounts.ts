/** Account life cycle: sign-up, accounts created by admins or the CLI, password change and reset. */
import { and, eq, isNull } from 'drizzle-orm';
import { AppError, conflict, unauthorized, validationFailed } from '../../../core/errors.ts';
import { isUuid } from '../../../core/ids.ts';
import type { Tx } from '../../db/client.ts';
import { doctors, patients, users } from '../../db/schema/index.ts';
import { enqueue } from '../../events/outbox.ts';
import { sqlState } from '../../http/problem.ts';
import type { Principal, Role } from '../../http/access.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import * as repo from './repo.ts';
import { hashToken, newToken, passwordProblem, personalWords } from './rules.ts';
import type { SignupBody } from './schema.ts';
import { issueSession, type AuthDeps, type ClientMeta, type IssuedSession } from './service.ts';

const RESET_LINK_MINUTES = 30;

/** Refuses a weak password with a field error, judged against the person's own name and email. */
export function assertPasswordAcceptable(
  password: string,
  field: string,
  personal: (string | null | undefined)[],
): void {
  const problem = passwordProblem(password, personalWords(personal));
  if (problem) throw validationFailed([{ path: field, message: problem }], 'The password is not acceptable.');
}

export interface NewAccount {
  email: string;
  password: string;
  role: Role;
  displayName: string;
  /** Doctor accounts: the doctor record (id or code) the account signs in as. */
  doctor?: string | undefined;
}

/** Checks the password and hashes it, before any transaction opens (hashing takes ~50 ms). */
export async function preparePassword(
  account: Pick<NewAccount, 'password' | 'displayName' | 'email'>,
): Promise<string> {
  assertPasswordAcceptable(account.password, 'body.password', [account.displayName, account.email]);
  return hashPassword(account.password);
}

/** Creates an account inside the caller's transaction; a taken email is a 409. */
async function insertAccount(tx: Tx, account: NewAccount, passwordHash: string): Promise<string> {
  try {
    const [row] = await tx
      .insert(users)
      .values({ email: account.email, passwordHash, role: account.role, displayName: account.displayName })
      .returning({ id: users.id });
    return row!.id;
  } catch (err) {
    if (sqlState(err) === '23505')
      throw conflict('auth.email_taken', 'An account with this email already exists.');
    throw err;
  }
}

export async function createAccount(deps: AuthDeps, account: NewAccount): Promise<string> {
  if (account.role === 'doctor' && !account.doctor) {
    throw validationFailed([{ path: 'body.doctor', message: 'is required for doctor accounts' }]);
  }
  const passwordHash = await preparePassword(account);
  return deps.db.transaction(async (tx) => {
    const userId = await insertAccount(tx, account, passwordHash);
    if (account.role === 'doctor' && account.doctor) await linkDoctor(tx, userId, account.doctor);
    return userId;
  });
}

async function linkDoctor(tx: Tx, userId: string, doctor: string): Promise<void> {
  const match = isUuid(doctor) ? eq(doctors.id, doctor) : eq(doctors.code, doctor);
  const linked = await tx
    .update(doctors)
    .set({ userId })
    .where(and(match, isNull(doctors.userId)))
    .returning({ id: doctors.id });
  if (linked.length === 0) {
    throw new AppError(422, 'auth.doctor_unavailable', 'Unprocessable content', {
      detail: 'No doctor record without an account has this id or code.',
      errors: [{ path: 'body.doctor', message: 'no unlinked doctor with this id or code' }],
    });
  }
}

/** Patients sign up themselves: linked to their existing record (code + birth date) or with a new one. */
export async function signup(deps: AuthDeps, body: SignupBody, meta: ClientMeta): Promise<IssuedSession> {
  const account = { ...body, role: 'patient' as const, displayName: body.name };
  const passwordHash = await preparePassword(account);
  const userId = await deps.db.transaction(async (tx) => {
    const id = await insertAccount(tx, account, passwordHash);
    if (body.patientCode) await claimPatient(tx, id, body);
    else {
      await tx.insert(patients).values({
        userId: id,
        name: body.name,
        gender: body.gender,
        birthDate: body.birthDate,
        neighbourhood: body.neighbourhood,
        email: body.email,
        phone: body.phone ?? null,
      });
    }
    return id;
  });
  return issueSession(deps, userId, meta);
}

async function claimPatient(tx: Tx, userId: string, body: SignupBody): Promise<void> {
  const code = body.patientCode!;
  const claimed = await tx
    .update(patients)
    .set({ userId })
    .where(
      and(
        isUuid(code) ? eq(patients.id, code) : eq(patients.code, code),
        eq(patients.birthDate, body.birthDate),
        isNull(patients.userId),
        // An erased record has no identity left to claim.
        isNull(patients.erasedAt),
      ),
    )
    .returning({ id: patients.id });
  if (claimed.length === 0) {
    // One answer whether the code is unknown, the birth date differs or the record is taken.
    throw new AppError(422, 'auth.patient_not_claimable', 'Unprocessable content', {
      detail: 'No unclaimed patient record matches this code and birth date. Ask your clinic.',
      errors: [
        { path: 'body.patientCode', message: 'does not match an unclaimed record with this birth date' },
      ],
    });
  }
}

export async function changePassword(
  deps: AuthDeps,
  principal: Principal,
  body: { currentPassword: string; newPassword: string },
): Promise<void> {
  const user = await repo.userById(deps.db, principal.userId);
  if (!user || !(await verifyPassword(user.passwordHash, body.currentPassword))) {
    throw unauthorized('auth.wrong_password', 'The current password is wrong.');
  }
  assertPasswordAcceptable(body.newPassword, 'body.newPassword', [user.displayName, user.email]);
  const passwordHash = await hashPassword(body.newPassword);
  await deps.db.transaction(async (tx) => {
    await repo.updateUser(tx, user.id, { passwordHash, passwordChangedAt: new Date() });
    // A changed password signs out every other device.
    await repo.revokeAllSessions(tx, user.id, new Date(), principal.sessionId);
  });
}

/** Always "accepted": whether the email exists is never revealed. */
export async function requestReset(deps: AuthDeps, email: string): Promise<void> {
  const user = await repo.userByEmail(deps.db, email);
  if (!user || user.disabledAt) return;
  const token = newToken();
  const link = `${deps.settings.publicUrl}/reset-password?token=${token}`;
  await deps.db.transaction(async (tx) => {
    await repo.insertReset(tx, {
      userId: user.id,
      tokenHash: hashToken(token),
      expiresAt: new Date(Date.now() + RESET_LINK_MINUTES * 60_000),
    });
    await enqueue(tx, {
      topic: 'auth.password_reset',
      recipientUserId: user.id,
      payload: { link, expiresInMinutes: RESET_LINK_MINUTES },
    });
  });
  // The notifications module emails the link (never logged: it signs its holder in).
}

export async function confirmReset(
  deps: AuthDeps,
  body: { token: string; newPassword: string },
): Promise<void> {
  const invalid = () =>
    new AppError(400, 'auth.reset_invalid', 'Bad request', {
      detail: 'This reset link is invalid, used or expired.',
    });
  const pending = await repo.findReset(deps.db, hashToken(body.token), new Date());
  if (!pending) throw invalid();
  const user = (await repo.userById(deps.db, pending.userId))!;
  assertPasswordAcceptable(body.newPassword, 'body.newPassword', [user.displayName, user.email]);
  const passwordHash = await hashPassword(body.newPassword);
  await deps.db.transaction(async (tx) => {
    // Consumed inside the transaction: of two concurrent uses of one link, only one succeeds.
    if (!(await repo.consumeReset(tx, hashToken(body.token), new Date()))) throw invalid();
    await repo.updateUser(tx, user.id, {
      passwordHash,
      passwordChangedAt: new Date(),
      failedLogins: 0,
      lockedUntil: null,
    });
    await repo.revokeAllSessions(tx, user.id, new Date());
  });
}
