/**
 * An alert's life end to end on real SQL: daily counts of diagnoses per neighbourhood → EARS alarm → open
 * alert (public, small counts withheld) → an admin confirms → everyone living in the area is notified once
 * (in-app inbox) → counts back at baseline → closed. Also: self-confirmation above the configured score.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import {
  createCast,
  createSpareAccount,
  signIn,
  type Cast,
  type SignedIn,
} from '../../../../test/helpers/fixtures.ts';
import { FakeClock, testNotificationSettings } from '../../../../test/helpers/notify.ts';
import { alerts, diagnoses, encounters, outbox, patients } from '../../db/schema/index.ts';
import { createNotifyDeps } from '../notifications/index.ts';
import { drain } from '../notifications/test-support.ts';
import { JobRegistry } from '../../jobs/index.ts';
import { registerAlertJobs, WATCH_JOB } from './jobs.ts';
import { runWatch } from './run.ts';
import { DEFAULT_ALERT_SETTINGS } from './service.ts';

let t: TestApp;
let cast: Cast;
let admin: SignedIn;
let patA: SignedIn;
const settings = DEFAULT_ALERT_SETTINGS; // the app's routes use the same defaults

beforeAll(async () => {
  t = await createTestApp();
  cast = await createCast(t.database.db);
  [admin, patA] = await Promise.all([signIn(t.app, cast.admin), signIn(t.app, cast.patientA)]);
});
afterAll(() => t.close());

const api = (method: 'GET' | 'POST', url: string, who: SignedIn | null) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: who?.headers ?? {} });

/** `n` diagnoses of `code` on a local day (noon in São Paulo), each for a new patient of the area. */
async function cases(neighbourhood: string, date: string, n: number, code = 'J069') {
  if (n === 0) return;
  const db = t.database.db;
  const at = new Date(`${date}T15:00:00Z`);
  const people = await db
    .insert(patients)
    .values(
      Array.from({ length: n }, (_, i) => ({
        name: `Case ${date} ${String(i)}`,
        gender: 'X' as const,
        birthDate: '1990-01-01',
        neighbourhood,
      })),
    )
    .returning({ id: patients.id });
  const encs = await db
    .insert(encounters)
    .values(people.map((p) => ({ patientId: p.id, occurredAt: at, doctorId: cast.doctorA.id })))
    .returning({ id: encounters.id, patientId: encounters.patientId });
  await db.insert(diagnoses).values(
    encs.map((e) => ({
      patientId: e.patientId,
      encounterId: e.id,
      occurredAt: at,
      code,
      text: 'URI',
      doctorId: cast.doctorA.id,
    })),
  );
}

const day = (d: number) => `2026-03-${String(d).padStart(2, '0')}`;
const BASELINE = [1, 2, 1, 1, 2, 1, 2, 1, 1, 2, 1, 2, 1, 1, 2, 1, 2, 1, 1, 2];
const run = (d: number, s = settings) => runWatch(t.database.db, s, day(d));
const alertEvents = async () => t.database.db.select().from(outbox).where(eq(outbox.topic, 'alerts.raised'));

describe('an alert from spike to close', () => {
  let alertId: string;

  it('stays quiet while counts are usual, and opens an alert on a spike', async () => {
    for (const [i, n] of BASELINE.entries()) await cases('Centro', day(i + 1), n);
    expect((await run(20)).opened).toBe(0);
    await cases('Centro', day(21), 12);
    const report = await run(21);
    expect(report).toMatchObject({ opened: 1, confirmed: 0, notified: 0 });
    const list = (await api('GET', '/admin/alerts?status=open', admin)).json<{
      items: {
        id: string;
        neighbourhood: string;
        condition: { key: string; label: string };
        observed: number;
        methods: string[];
      }[];
    }>();
    const alert = list.items.find((a) => a.neighbourhood === 'Centro')!;
    expect(alert.condition.key).toBe('J06');
    expect(alert.condition.label).toMatch(/^J06 · Acute upper respiratory infection/);
    expect(alert.observed).toBe(12);
    expect(alert.methods).toEqual(expect.arrayContaining(['C1', 'C2']));
    alertId = alert.id;
  });

  it('shows on the public area page before anyone is told', async () => {
    const res = await api('GET', `/alerts?area=${encodeURIComponent('Centro')}`, null);
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      items: { id: string; status: string; observed: number; suppressed: boolean; advice: string }[];
    }>();
    expect(body.items).toEqual([
      expect.objectContaining({ id: alertId, status: 'open', observed: 12, suppressed: false }),
    ]);
    expect(body.items[0]!.advice).toMatch(/cough/i);
    expect((await api('GET', '/alerts?area=Maru%C3%ADpe', null)).json<{ items: unknown[] }>().items).toEqual(
      [],
    );
    expect(await alertEvents()).toEqual([]);
  });

  it('an admin confirms: each person living in the area is told once, in their inbox', async () => {
    const res = await api('POST', `/admin/alerts/${alertId}/confirm`, admin);
    expect(res.statusCode, res.body).toBe(200);
    // Patients A and B (accounts, living in Centro); the case patients have no account.
    expect(res.json()).toMatchObject({ status: 'confirmed', notified: 2 });
    const again = await api('POST', `/admin/alerts/${alertId}/confirm`, admin);
    expect([again.statusCode, again.json<{ code: string }>().code]).toEqual([409, 'alert.not_open']);
    // The spike goes on; re-running the same day and the next tells nobody twice.
    expect((await run(21)).notified).toBe(0);
    await cases('Centro', day(22), 11);
    expect(await run(22)).toMatchObject({ updated: 1, notified: 0 });
    const deps = createNotifyDeps({
      db: t.database.db,
      settings: testNotificationSettings(),
      clock: new FakeClock(Date.now()),
    });
    await drain(deps);
    const inbox = (await api('GET', '/me/notifications', patA)).json<{
      items: { title: string; body: string }[];
    }>();
    const told = inbox.items.filter((m) => m.title.startsWith('Health alert for Centro'));
    expect(told).toHaveLength(1);
    expect(told[0]!.body).toMatch(/12 cases were seen on 2026-03-21.*Cover coughs/s);
    await deps.close();
  });

  it('tells only newcomers while confirmed, and closes when counts are back at baseline', async () => {
    const newcomer = await createSpareAccount(t.database.db, 'patient', 'Nina Costa');
    await t.database.db.insert(patients).values({
      name: 'Nina Costa',
      gender: 'F',
      birthDate: '1999-09-09',
      neighbourhood: 'Centro',
      userId: newcomer.userId,
    });
    await cases('Centro', day(23), 10);
    expect(await run(23)).toMatchObject({ updated: 1, notified: 1 });
    const events = await alertEvents();
    expect(events.map((e) => e.recipientUserId).sort()).toEqual(
      [cast.patientA.userId, cast.patientB.userId, newcomer.userId].sort(),
    );
    await cases('Centro', day(24), 1);
    expect(await run(24)).toMatchObject({ closed: 1 });
    const detail = (await api('GET', `/admin/alerts/${alertId}`, admin)).json<{
      status: string;
      closedOn: string;
      alarmDays: number;
      notified: number;
      days: { date: string }[];
    }>();
    expect(detail).toMatchObject({ status: 'closed', closedOn: day(24), alarmDays: 3, notified: 3 });
    expect(detail.days.map((d) => d.date)).toEqual([day(21), day(22), day(23), day(24)]);
    expect((await api('GET', '/alerts?area=Centro', null)).json<{ items: unknown[] }>().items).toEqual([]);
  });
});

describe('small counts and self-confirmation', () => {
  it('withholds counts below the threshold from the public, never from admins', async () => {
    // Zeros for weeks, then 3 cases of gastroenteritis: an alarm, but 3 < 5 is never shown in public.
    await cases('Maruípe', day(21), 3, 'A09');
    await run(21);
    const pub = (await api('GET', '/alerts?area=Maru%C3%ADpe', null)).json<{
      items: Record<string, unknown>[];
      suppressBelow: number;
    }>();
    expect(pub.suppressBelow).toBe(5);
    expect(pub.items).toEqual([
      expect.objectContaining({ observed: null, expected: null, suppressed: true }),
    ]);
    const adminView = (await api('GET', '/admin/alerts?area=Maru%C3%ADpe', admin)).json<{
      items: { observed: number }[];
    }>();
    expect(adminView.items.map((a) => a.observed)).toEqual([3]);
  });

  it('confirms by itself above the configured score and notifies at once', async () => {
    const db = t.database.db;
    await db.update(patients).set({ neighbourhood: 'Goiabeiras' }).where(eq(patients.id, cast.patientB.id));
    await cases('Goiabeiras', day(21), 9, 'B019');
    const report = await run(21, { ...settings, autoConfirmScore: 4 });
    expect(report).toMatchObject({ opened: 1, confirmed: 1, notified: 1 });
    const [row] = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.topic, 'alerts.raised'), eq(outbox.recipientUserId, cast.patientB.userId)));
    expect(row).toBeDefined();
    const list = (await api('GET', '/admin/alerts?area=Goiabeiras', admin)).json<{
      items: { status: string; autoConfirmed: boolean }[];
    }>();
    expect(list.items).toEqual([expect.objectContaining({ status: 'confirmed', autoConfirmed: true })]);
  });

  it('refuses a date that is not a calendar day', async () => {
    await expect(runWatch(t.database.db, settings, '2026-02-30')).rejects.toMatchObject({
      code: 'validation.failed',
    });
  });
});

describe('the daily job', () => {
  it('runs every morning in the alerts zone, for yesterday or a day it is given', async () => {
    const registry = new JobRegistry();
    registerAlertJobs(registry, { db: t.database.db, settings });
    const def = registry.list().find((d) => d.name === WATCH_JOB)!;
    expect(def.schedule).toEqual({ cron: '30 5 * * *', tz: 'America/Sao_Paulo' });
    // A scheduled run (no data) and a run for a named day: Maruípe's 3 cases are back to zero on the 22nd.
    await def.handler([{ data: { date: day(22) } }, { data: null }] as never);
    const [row] = await t.database.db.select().from(alerts).where(eq(alerts.neighbourhood, 'Maruípe'));
    expect(row).toMatchObject({ status: 'closed', closedOn: day(22) });
  });
});
