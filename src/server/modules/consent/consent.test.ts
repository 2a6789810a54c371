import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createCast, signIn, type Cast, type SignedIn } from '../../../../test/helpers/fixtures.ts';
import { appointments, consentChallenges, outbox } from '../../db/schema/index.ts';

let t: TestApp;
let cast: Cast;
let docA: SignedIn;
let docB: SignedIn;
let patA: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  cast = await createCast(t.database.db);
  // Doctor A also cares for patient B, so codes can be tried across patients.
  await t.database.db.insert(appointments).values({
    doctorId: cast.doctorA.id,
    patientId: cast.patientB.id,
    clinicId: cast.clinicId,
    startsAt: new Date('2026-02-02T13:00:00Z'),
    endsAt: new Date('2026-02-02T13:30:00Z'),
    status: 'completed',
  });
  [docA, docB, patA] = await Promise.all([
    signIn(t.app, cast.doctorA),
    signIn(t.app, cast.doctorB),
    signIn(t.app, cast.patientA),
  ]);
});
afterAll(() => t.close());

const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, who: SignedIn, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });

/** Asks for consent and returns the challenge id and the code the patient received. */
async function ask(patientId: string, patientUserId: string): Promise<{ id: string; code: string }> {
  const res = await api('POST', `/patients/${patientId}/consent-requests`, docA);
  expect(res.statusCode).toBe(201);
  const id = res.json<{ id: string }>().id;
  const [message] = await t.database.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.recipientUserId, patientUserId), eq(outbox.topic, 'consent.code_issued')))
    .orderBy(desc(outbox.createdAt));
  expect(message!.payload.challengeId).toBe(id);
  return { id, code: String(message!.payload.code) };
}

const verify = (id: string, code: string) => api('POST', `/consent-requests/${id}/verify`, docA, { code });
const edit = (who: SignedIn, patientId: string) =>
  api('PATCH', `/patients/${patientId}`, who, { phone: '+55 27 99999-0000' });
const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('consent by one-time code', () => {
  it('lets a caring doctor read but not write without consent', async () => {
    expect((await api('GET', `/patients/${cast.patientA.id}`, docA)).statusCode).toBe(200);
    const res = await edit(docA, cast.patientA.id);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'consent.required' });
  });

  it('refuses to ask a patient the doctor does not care for', async () => {
    const res = await api('POST', `/patients/${cast.patientA.id}/consent-requests`, docB);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'consent.no_relationship' });
  });

  it('grants write access for the right code, once; a replay is refused', async () => {
    const { id, code } = await ask(cast.patientA.id, cast.patientA.userId);
    const wrong = await verify(id, wrongCode(code));
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toMatchObject({ code: 'consent.code_invalid' });
    expect(wrong.json<{ detail: string }>().detail).toContain('4 tries left');
    const ok = await verify(id, code);
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({
      patientId: cast.patientA.id,
      kind: 'consent',
      doctor: { id: cast.doctorA.id },
    });
    expect((await edit(docA, cast.patientA.id)).statusCode).toBe(200);
    const replay = await verify(id, code);
    expect(replay.statusCode).toBe(409);
    expect(replay.json()).toMatchObject({ code: 'consent.challenge_closed' });
  });

  it("does not accept patient A's code for patient B", async () => {
    const a = await ask(cast.patientA.id, cast.patientA.userId);
    const b = await ask(cast.patientB.id, cast.patientB.userId);
    if (a.code === b.code) return; // one chance in a million: the codes happen to be equal
    expect((await verify(b.id, a.code)).statusCode).toBe(422);
    expect((await edit(docA, cast.patientB.id)).statusCode).toBe(403);
  });

  it('expires codes after their time', async () => {
    const { id, code } = await ask(cast.patientB.id, cast.patientB.userId);
    await t.database.db
      .update(consentChallenges)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(consentChallenges.id, id));
    const res = await verify(id, code);
    expect(res.statusCode).toBe(410);
    expect(res.json()).toMatchObject({ code: 'consent.code_expired' });
  });

  it('burns the challenge after 5 wrong tries, even when they arrive at once', async () => {
    const { id, code } = await ask(cast.patientB.id, cast.patientB.userId);
    const answers = await Promise.all(Array.from({ length: 8 }, () => verify(id, wrongCode(code))));
    expect(answers.map((r) => r.json<{ code: string }>().code).sort()).toEqual(
      [
        ...Array<string>(1).fill('consent.challenge_burned'),
        ...Array<string>(3).fill('consent.challenge_closed'),
        ...Array<string>(4).fill('consent.code_invalid'),
      ].sort(),
    );
    const [row] = await t.database.db.select().from(consentChallenges).where(eq(consentChallenges.id, id));
    expect(row).toMatchObject({ status: 'burned', failedAttempts: 5 });
    expect((await verify(id, code)).statusCode).toBe(409);
  });

  it('lets the patient approve or deny in the app, and revoke at once', async () => {
    const approved = await ask(cast.patientA.id, cast.patientA.userId);
    const denied = await ask(cast.patientA.id, cast.patientA.userId);
    const pending = await api('GET', '/me/consent-requests', patA);
    expect(pending.json<{ items: { id: string }[] }>().items.map((i) => i.id)).toEqual(
      expect.arrayContaining([approved.id, denied.id]),
    );
    expect((await api('POST', `/consent-requests/${denied.id}/deny`, patA)).json()).toEqual({ grant: null });
    expect((await verify(denied.id, denied.code)).statusCode).toBe(409);
    const grant = (await api('POST', `/consent-requests/${approved.id}/approve`, patA)).json<{
      grant: { id: string };
    }>().grant;
    const grants = await api('GET', '/me/consent-grants', patA);
    expect(grants.json<{ items: { id: string }[] }>().items.map((g) => g.id)).toContain(grant.id);
    for (const g of grants.json<{ items: { id: string }[] }>().items) {
      expect((await api('DELETE', `/me/consent-grants/${g.id}`, patA)).statusCode).toBe(200);
    }
    const after = await edit(docA, cast.patientA.id);
    expect(after.statusCode).toBe(403);
    expect(after.json()).toMatchObject({ code: 'consent.required' });
  });

  it("does not let a patient answer another patient's request", async () => {
    const b = await ask(cast.patientB.id, cast.patientB.userId);
    expect((await api('POST', `/consent-requests/${b.id}/approve`, patA)).statusCode).toBe(404);
  });
});

describe('emergency access', () => {
  it('needs a reason, is told to the patient and listed for admins', async () => {
    const short = await api('POST', `/patients/${cast.patientB.id}/emergency-access`, docB, {
      reason: 'urgent',
    });
    expect(short.statusCode).toBe(400);
    const res = await api('POST', `/patients/${cast.patientB.id}/emergency-access`, docB, {
      reason: 'Unconscious on arrival, no relatives reachable',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'emergency' });
    expect((await edit(docB, cast.patientB.id)).statusCode).toBe(200);
    const told = await t.database.db
      .select()
      .from(outbox)
      .where(
        and(eq(outbox.recipientUserId, cast.patientB.userId), eq(outbox.topic, 'consent.emergency_access')),
      );
    expect(told).toHaveLength(1);
    const admin = await signIn(t.app, cast.admin);
    const list = await api('GET', '/admin/emergency-access', admin);
    expect(list.json<{ items: { patientId: string; reason: string }[] }>().items[0]).toMatchObject({
      patientId: cast.patientB.id,
      reason: 'Unconscious on arrival, no relatives reachable',
    });
  });
});
