import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createCast, signIn, type Cast, type SignedIn } from '../../../../test/helpers/fixtures.ts';
import { auditEvents } from '../../db/schema/index.ts';
import { sqlState } from '../../http/problem.ts';

let t: TestApp;
let cast: Cast;
let docA: SignedIn;
let docB: SignedIn;
let patA: SignedIn;
let admin: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  cast = await createCast(t.database.db);
  [docA, docB, patA, admin] = await Promise.all([
    signIn(t.app, cast.doctorA),
    signIn(t.app, cast.doctorB),
    signIn(t.app, cast.patientA),
    signIn(t.app, cast.admin),
  ]);
});
afterAll(() => t.close());

const get = (url: string, who: SignedIn) =>
  t.app.inject({
    url: `/api/v1${url}`,
    headers: { ...who.headers, 'x-request-id': 'req-audit-1' },
    remoteAddress: '10.9.8.7',
  });
const eventsFor = (patientId: string) =>
  t.database.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.patientId, patientId))
    .orderBy(auditEvents.at);

describe('audit trail', () => {
  it('records an allowed read with who, role, what, which patient, when and from where', async () => {
    expect((await get(`/patients/${cast.patientA.id}`, docA)).statusCode).toBe(200);
    const [event] = (await eventsFor(cast.patientA.id)).filter((e) => e.action === 'patient.read');
    expect(event).toMatchObject({
      actorUserId: cast.doctorA.userId,
      actorRole: 'doctor',
      outcome: 'allowed',
      ip: '10.9.8.7',
      requestId: 'req-audit-1',
    });
    expect(Date.now() - event!.at.getTime()).toBeLessThan(60_000);
  });

  it('records a denied read too', async () => {
    expect((await get(`/patients/${cast.patientA.id}`, docB)).statusCode).toBe(403);
    const denied = (await eventsFor(cast.patientA.id)).filter((e) => e.outcome === 'denied');
    expect(denied.map((e) => e.actorUserId)).toContain(cast.doctorB.userId);
  });

  it('records each patient in a list as read', async () => {
    expect((await get('/patients', docA)).statusCode).toBe(200);
    expect((await eventsFor(cast.patientA.id)).map((e) => e.action)).toContain('patient.list');
  });

  it('shows the patient who accessed their record, without anyone’s email', async () => {
    const res = await get('/me/access-log', patA);
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: { action: string; actor: { name: string; role: string } }[] }>().items;
    expect(items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'patient.read', actor: { role: 'doctor', name: 'Dr Ana Souza' } }),
      ]),
    );
    expect(res.body).not.toContain('@');
  });

  it('lets admins search the trail, and nobody else', async () => {
    const res = await get(`/audit?patient=${cast.patientA.id}&outcome=denied`, admin);
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: { outcome: string; patientId: string }[] }>().items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.outcome === 'denied' && i.patientId === cast.patientA.id)).toBe(true);
    expect((await get('/audit', patA)).statusCode).toBe(403);
    expect((await get('/audit', docA)).statusCode).toBe(403);
  });

  it('is append-only: the database refuses UPDATE, DELETE and TRUNCATE', async () => {
    const db = t.database.db;
    const attempts = [
      db.update(auditEvents).set({ outcome: 'allowed' }).where(eq(auditEvents.outcome, 'denied')),
      db.delete(auditEvents),
      db.execute(sql`truncate audit_events`),
    ];
    for (const attempt of attempts) {
      let state: string | undefined;
      try {
        await attempt;
      } catch (err) {
        state = sqlState(err);
      }
      expect(state).toBe('42501');
    }
    expect((await eventsFor(cast.patientA.id)).length).toBeGreaterThan(0);
  });
});
