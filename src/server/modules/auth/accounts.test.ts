import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createCast, signIn, strongPassword, type Cast } from '../../../../test/helpers/fixtures.ts';
import { outbox, patients } from '../../db/schema/index.ts';

let t: TestApp;
let cast: Cast;
let ipSeq = 1;
const ip = () => `10.2.0.${String(ipSeq++)}`;

beforeAll(async () => {
  t = await createTestApp();
  cast = await createCast(t.database.db);
});
afterAll(() => t.close());

const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: `/api/v1${url}`, payload, headers, remoteAddress: ip() });

const person = { name: 'Elisa Prado', birthDate: '1990-04-05', gender: 'F', neighbourhood: 'Jardim Camburi' };

describe('patient sign-up', () => {
  it('creates an account and a new patient record, and signs in', async () => {
    const res = await post('/auth/signup', {
      ...person,
      email: 'elisa@example.org',
      password: strongPassword(),
    });
    expect(res.statusCode).toBe(201);
    const body = res.json<{ token: string; user: { role: string; patientId: string } }>();
    expect(body.user.role).toBe('patient');
    const [row] = await t.database.db.select().from(patients).where(eq(patients.id, body.user.patientId));
    expect(row).toMatchObject({
      name: 'Elisa Prado',
      birthDate: '1990-04-05',
      neighbourhood: 'Jardim Camburi',
    });
  });

  it('refuses a taken email (any case) and changes nothing', async () => {
    const before = await t.database.db.select().from(patients);
    const res = await post('/auth/signup', {
      ...person,
      email: 'ELISA@example.org',
      password: strongPassword(),
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'auth.email_taken' });
    expect(await t.database.db.select().from(patients)).toHaveLength(before.length);
  });

  it('refuses weak passwords naming the field', async () => {
    for (const password of ['short', 'password1234', 'elisaprado1990']) {
      const res = await post('/auth/signup', { ...person, email: `weak-${password}@example.org`, password });
      expect(res.statusCode).toBe(400);
      expect(res.json<{ errors: { path: string }[] }>().errors[0]!.path).toBe('body.password');
    }
  });

  it('links to an existing record by code and birth date, once', async () => {
    const [existing] = await t.database.db
      .insert(patients)
      .values({ name: 'Fábio Nunes', gender: 'M', birthDate: '1970-01-01', neighbourhood: 'Centro' })
      .returning();
    const claim = { name: 'Fábio Nunes', gender: 'M', neighbourhood: 'Centro', patientCode: existing!.code };
    const wrongDate = await post('/auth/signup', {
      ...claim,
      birthDate: '1971-01-01',
      email: 'fabio1@example.org',
      password: strongPassword(),
    });
    expect(wrongDate.statusCode).toBe(422);
    expect(wrongDate.json()).toMatchObject({ code: 'auth.patient_not_claimable' });
    const ok = await post('/auth/signup', {
      ...claim,
      birthDate: '1970-01-01',
      email: 'fabio@example.org',
      password: strongPassword(),
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json<{ user: { patientId: string } }>().user.patientId).toBe(existing!.id);
    const again = await post('/auth/signup', {
      ...claim,
      birthDate: '1970-01-01',
      email: 'fabio2@example.org',
      password: strongPassword(),
    });
    expect(again.statusCode).toBe(422);
  });
});

describe('password change', () => {
  it('needs the current password, then signs out the other devices', async () => {
    const who = cast.doctorA;
    const current = await signIn(t.app, who);
    const other = await signIn(t.app, who);
    const wrong = await post(
      '/auth/password',
      { currentPassword: 'not-it-at-all-1', newPassword: strongPassword() },
      current.headers,
    );
    expect(wrong.statusCode).toBe(401);
    const next = strongPassword();
    const ok = await post(
      '/auth/password',
      { currentPassword: who.password, newPassword: next },
      current.headers,
    );
    expect(ok.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: other.headers })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: current.headers })).statusCode).toBe(200);
    who.password = next;
    await signIn(t.app, who);
  });
});

describe('password reset', () => {
  const resetLinks = async (userId: string) =>
    (
      await t.database.db
        .select()
        .from(outbox)
        .where(and(eq(outbox.recipientUserId, userId), eq(outbox.topic, 'auth.password_reset')))
    ).map((r) => String(r.payload.link));

  it('answers the same for known and unknown emails', async () => {
    const known = await post('/auth/password-reset', { email: cast.patientB.email });
    const unknown = await post('/auth/password-reset', { email: 'ghost@example.org' });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(known.json()).toEqual(unknown.json());
    expect(await resetLinks(cast.patientB.userId)).toHaveLength(1);
  });

  it('sets a new password once per link and signs out every device', async () => {
    const who = cast.patientB;
    const session = await signIn(t.app, who);
    const link = (await resetLinks(who.userId)).at(-1)!;
    const token = new URL(link).searchParams.get('token')!;
    const weak = await post('/auth/password-reset/confirm', { token, newPassword: 'password1234' });
    expect(weak.statusCode).toBe(400);
    const next = strongPassword();
    expect((await post('/auth/password-reset/confirm', { token, newPassword: next })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: session.headers })).statusCode).toBe(401);
    const replay = await post('/auth/password-reset/confirm', { token, newPassword: strongPassword() });
    expect(replay.statusCode).toBe(400);
    expect(replay.json()).toMatchObject({ code: 'auth.reset_invalid' });
    who.password = next;
    await signIn(t.app, who);
  });
});
