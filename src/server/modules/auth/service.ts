/** Sign-in, sessions and the request principal. */
import type { Logger } from 'pino';
import { AppError, notFound } from '../../../core/errors.ts';
import type { AuthSettings } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { enqueue } from '../../events/outbox.ts';
import type { Principal } from '../../http/access.ts';
import { burnVerifyTime, verifyPassword } from './passwords.ts';
import * as repo from './repo.ts';
import { MAX_FAILED_LOGINS, csrfToken, hashToken, lockDuration, newToken, sessionActive } from './rules.ts';
import type { LoginBody, User } from './schema.ts';

export interface AuthDeps {
  db: Db;
  settings: AuthSettings;
  logger: Logger;
}

export interface ClientMeta {
  ip: string | null;
  userAgent: string | null;
}

export interface IssuedSession {
  user: User;
  token: string;
  csrfToken: string;
  expiresAt: string;
}

/** One answer for unknown email, wrong password, locked or disabled account: nothing to enumerate. */
const invalidCredentials = () =>
  new AppError(401, 'auth.invalid_credentials', 'Unauthorized', {
    detail: 'The email or password is wrong.',
  });

export async function login(deps: AuthDeps, body: LoginBody, meta: ClientMeta): Promise<IssuedSession> {
  const user = await repo.userByEmail(deps.db, body.email);
  if (!user) {
    await burnVerifyTime(body.password);
    throw invalidCredentials();
  }
  const ok = await verifyPassword(user.passwordHash, body.password);
  const now = new Date();
  if (user.disabledAt || (user.lockedUntil && user.lockedUntil > now)) throw invalidCredentials();
  if (!ok) {
    await registerFailure(deps, user.id, now);
    throw invalidCredentials();
  }
  if (user.failedLogins > 0) await repo.updateUser(deps.db, user.id, { failedLogins: 0 });
  return issueSession(deps, user.id, meta);
}

/** Counts a failed sign-in; the fifth in a row locks the account for a growing period and tells the owner. */
async function registerFailure(deps: AuthDeps, userId: string, now: Date): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const user = await repo.countFailure(tx, userId);
    if (user.failedLogins < MAX_FAILED_LOGINS) return;
    const until = new Date(now.getTime() + lockDuration(user.lockouts));
    await repo.updateUser(tx, userId, { failedLogins: 0, lockouts: user.lockouts + 1, lockedUntil: until });
    await enqueue(tx, {
      topic: 'auth.account_locked',
      recipientUserId: userId,
      payload: { lockedUntil: until.toISOString(), failedAttempts: MAX_FAILED_LOGINS },
    });
  });
}

export async function issueSession(deps: AuthDeps, userId: string, meta: ClientMeta): Promise<IssuedSession> {
  const token = newToken();
  const now = new Date();
  const session = await repo.insertSession(deps.db, {
    userId,
    tokenHash: hashToken(token),
    expiresAt: new Date(now.getTime() + deps.settings.sessionMaxHours * 3_600_000),
    lastSeenAt: now,
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  });
  return {
    user: await currentUser(deps.db, userId),
    token,
    csrfToken: csrfToken(deps.settings.secret, session.id),
    expiresAt: session.expiresAt.toISOString(),
  };
}

/** Seconds between last-seen updates: enough for idle expiry without a write on every request. */
const TOUCH_AFTER_MS = 60_000;

export async function authenticate(
  deps: AuthDeps,
  token: string,
  via: Principal['via'],
): Promise<Principal | undefined> {
  if (token.length < 20 || token.length > 100) return undefined;
  const found = await repo.sessionByTokenHash(deps.db, hashToken(token));
  const now = new Date();
  if (
    !found ||
    found.user.disabledAt ||
    !sessionActive(found.session, now, deps.settings.sessionIdleMinutes)
  ) {
    return undefined;
  }
  if (now.getTime() - found.session.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    await repo.touchSession(deps.db, found.session.id, now);
  }
  return {
    userId: found.user.id,
    role: found.user.role,
    sessionId: found.session.id,
    via,
    doctorId: found.doctorId,
    patientId: found.patientId,
  };
}

export async function currentUser(db: Db, userId: string): Promise<User> {
  const user = await repo.userById(db, userId);
  if (!user) throw notFound('user.not_found', 'No such user.');
  const session = await repo.linkedRecords(db, userId);
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    displayName: user.displayName,
    doctorId: session.doctorId,
    patientId: session.patientId,
  };
}

export async function logout(deps: AuthDeps, principal: Principal): Promise<void> {
  await repo.revokeSession(deps.db, principal.userId, principal.sessionId, new Date());
}

export async function listSessions(deps: AuthDeps, principal: Principal) {
  const rows = await repo.activeSessions(deps.db, principal.userId, new Date());
  const idleMs = deps.settings.sessionIdleMinutes * 60_000;
  const now = Date.now();
  return {
    items: rows
      .filter((s) => now - s.lastSeenAt.getTime() < idleMs)
      .map((s) => ({
        id: s.id,
        current: s.id === principal.sessionId,
        createdAt: s.createdAt.toISOString(),
        lastSeenAt: s.lastSeenAt.toISOString(),
        expiresAt: s.expiresAt.toISOString(),
        ip: s.ip,
        userAgent: s.userAgent,
      })),
  };
}

export async function revokeSession(deps: AuthDeps, principal: Principal, sessionId: string): Promise<void> {
  const n = await repo.revokeSession(deps.db, principal.userId, sessionId, new Date());
  if (n === 0) throw notFound('session.not_found', 'You have no active session with this id.');
}

export async function revokeOtherSessions(deps: AuthDeps, principal: Principal): Promise<number> {
  return repo.revokeAllSessions(deps.db, principal.userId, new Date(), principal.sessionId);
}
