import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createCast, signIn, type Cast } from '../../../../test/helpers/fixtures.ts';
import { outbox, sessions, users } from '../../db/schema/index.ts';

let t: TestApp;
let cast: Cast;
let ipSeq = 1;
/** Each test gets its own client address, so per-IP rate limits of one test do not leak into another. */
const ip = () => `10.1.0.${String(ipSeq++)}`;

beforeAll(async () => {
  t = await createTestApp();
  cast = await createCast(t.database.db);
});
afterAll(() => t.close());

const login = (email: string, password: string, remoteAddress = ip()) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress, payload: { email, password } });
const me = (headers: Record<string, string>) => t.app.inject({ url: '/api/v1/auth/me', headers });
const withoutIds = (body: Record<string, unknown>) => ({
  ...body,
  requestId: undefined,
  instance: undefined,
});

describe('sign-in', () => {
  it('returns a bearer token and sets an httpOnly SameSite=Lax session cookie; both work', async () => {
    const res = await login(cast.patientA.email, cast.patientA.password);
    expect(res.statusCode).toBe(200);
    const body = res.json<{ token: string; user: { role: string; patientId: string } }>();
    expect(body.user).toMatchObject({ role: 'patient', patientId: cast.patientA.id });
    const cookie = String([res.headers['set-cookie']].flat()[0]);
    expect(cookie).toMatch(/^hs_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect((await me({ authorization: `Bearer ${body.token}` })).statusCode).toBe(200);
    expect((await me({ cookie: cookie.split(';')[0]! })).statusCode).toBe(200);
  });

  it('answers an unknown email exactly like a wrong password', async () => {
    const unknown = await login('nobody-here@example.org', 'whatever-password-123');
    const wrong = await login(cast.patientB.email, 'whatever-password-123');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(withoutIds(unknown.json())).toEqual(withoutIds(wrong.json()));
    expect(unknown.json()).toMatchObject({ code: 'auth.invalid_credentials' });
  });

  it('locks the account after 5 failures, tells the owner, and an admin can unlock it', async () => {
    const victim = cast.doctorB;
    const from = ip();
    for (let i = 0; i < 5; i++)
      expect((await login(victim.email, `wrong-guess-${String(i)}-xyz`, from)).statusCode).toBe(401);
    const locked = await login(victim.email, victim.password, from);
    expect(locked.statusCode).toBe(401);
    expect(locked.json()).toMatchObject({ code: 'auth.invalid_credentials' });
    const notices = await t.database.db
      .select()
      .from(outbox)
      .where(eq(outbox.recipientUserId, victim.userId));
    expect(notices.map((n) => n.topic)).toContain('auth.account_locked');

    const admin = await signIn(t.app, cast.admin);
    const unlock = await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${victim.userId}/unlock`,
      headers: admin.headers,
    });
    expect(unlock.statusCode).toBe(200);
    expect((await login(victim.email, victim.password)).statusCode).toBe(200);
  });

  it('makes each lockout longer than the one before', async () => {
    const [row] = await t.database.db.select().from(users).where(eq(users.id, cast.doctorB.userId));
    expect(row!.lockouts).toBe(1);
    const { lockDuration } = await import('./rules.ts');
    expect(lockDuration(1)).toBeGreaterThan(lockDuration(0));
    expect(lockDuration(50)).toBe(24 * 3_600_000);
  });

  it('rate-limits sign-in per account, with Retry-After', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 11; i++)
      codes.push((await login('rate-target@example.org', 'not-the-password-1', ip())).statusCode);
    expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
    const limited = await login('rate-target@example.org', 'not-the-password-1', ip());
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeTruthy();
    expect(limited.json()).toMatchObject({ code: 'request.rate_limited' });
  });

  it('rate-limits sign-in per IP address', async () => {
    const from = ip();
    const codes: number[] = [];
    for (let i = 0; i < 31; i++)
      codes.push((await login(`spray-${String(i)}@example.org`, 'xx-not-it-xx', from)).statusCode);
    expect(codes.at(-1)).toBe(429);
  });

  it('refuses a disabled account with the same answer', async () => {
    const admin = await signIn(t.app, cast.admin);
    const target = cast.patientB;
    const session = await signIn(t.app, target);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${target.userId}/disable`,
      headers: admin.headers,
    });
    expect((await login(target.email, target.password)).json()).toMatchObject({
      code: 'auth.invalid_credentials',
    });
    expect((await me(session.headers)).statusCode).toBe(401);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${target.userId}/enable`,
      headers: admin.headers,
    });
    expect((await me(session.headers)).statusCode).toBe(200);
  });
});

describe('sessions', () => {
  it('expire after the idle period and at the absolute limit', async () => {
    const idle = await signIn(t.app, cast.doctorA);
    const absolute = await signIn(t.app, cast.doctorA);
    const db = t.database.db;
    const sessionOf = async (h: Record<string, string>) => (await me(h)).json<{ user: { id: string } }>();
    expect((await sessionOf(idle.headers)).user.id).toBe(cast.doctorA.userId);
    const rows = await db.select().from(sessions).where(eq(sessions.userId, cast.doctorA.userId));
    const { hashToken } = await import('./rules.ts');
    const byToken = (token: string) => rows.find((r) => r.tokenHash === hashToken(token))!;
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - 61 * 60_000) })
      .where(eq(sessions.id, byToken(idle.token).id));
    await db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.id, byToken(absolute.token).id));
    expect((await me(idle.headers)).statusCode).toBe(401);
    expect((await me(absolute.headers)).statusCode).toBe(401);
  });

  it('list, revoke one, and sign out the other devices', async () => {
    const phone = await signIn(t.app, cast.patientA);
    const laptop = await signIn(t.app, cast.patientA);
    const tablet = await signIn(t.app, cast.patientA);
    const list = await t.app.inject({ url: '/api/v1/auth/sessions', headers: laptop.headers });
    const items = list.json<{ items: { id: string; current: boolean }[] }>().items;
    expect(items.length).toBeGreaterThanOrEqual(3);
    expect(items.filter((s) => s.current)).toHaveLength(1);
    const phoneId = (await sessionIdOf(phone.token))!;
    const revoke = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/auth/sessions/${phoneId}`,
      headers: laptop.headers,
    });
    expect(revoke.statusCode).toBe(200);
    expect((await me(phone.headers)).statusCode).toBe(401);
    const others = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sessions/revoke-others',
      headers: laptop.headers,
    });
    expect(others.json<{ revoked: number }>().revoked).toBeGreaterThanOrEqual(1);
    expect((await me(tablet.headers)).statusCode).toBe(401);
    expect((await me(laptop.headers)).statusCode).toBe(200);
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: laptop.headers });
    expect((await me(laptop.headers)).statusCode).toBe(401);
  });
});

async function sessionIdOf(token: string): Promise<string | undefined> {
  const { hashToken } = await import('./rules.ts');
  const [row] = await t.database.db
    .select()
    .from(sessions)
    .where(eq(sessions.tokenHash, hashToken(token)));
  return row?.id;
}

describe('CSRF', () => {
  it('refuses a cookie-authenticated write without the CSRF header, accepts it with one, and never asks bearer clients', async () => {
    const s = await signIn(t.app, cast.admin);
    const url = `/api/v1/users/${cast.admin.userId}/unlock`;
    const noHeader = await t.app.inject({ method: 'POST', url, headers: { cookie: s.cookie } });
    expect(noHeader.statusCode).toBe(403);
    expect(noHeader.json()).toMatchObject({ code: 'auth.csrf' });
    const forged = await t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: s.cookie, 'x-csrf-token': 'x'.repeat(43) },
    });
    expect(forged.statusCode).toBe(403);
    const ok = await t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken },
    });
    expect(ok.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url, headers: s.headers })).statusCode).toBe(200);
    // Reads need no token.
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie: s.cookie } })).statusCode).toBe(
      200,
    );
  });
});
