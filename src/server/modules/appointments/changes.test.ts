import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createCast, signIn, type Cast, type SignedIn } from '../../../../test/helpers/fixtures.ts';
import { appointments } from '../../db/schema/index.ts';

const ZONE = 'America/Sao_Paulo';
let t: TestApp;
let cast: Cast;
let docA: SignedIn;
let docB: SignedIn;
let patA: SignedIn;
let patB: SignedIn;
let admin: SignedIn;
const tuesday = DateTime.now().setZone(ZONE).startOf('week').plus({ weeks: 2, days: 1 });
const at = (hhmm: string, day = tuesday) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return day.set({ hour: h, minute: m }).toISO({ suppressMilliseconds: true })!;
};

const api = (method: 'GET' | 'POST' | 'PUT', url: string, who: SignedIn, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });
const book = async (who: SignedIn, hhmm: string) => {
  const res = await api('POST', '/appointments', who, { doctorId: cast.doctorA.id, startsAt: at(hhmm) });
  expect(res.statusCode).toBe(201);
  return res.json<{ id: string }>().id;
};

beforeAll(async () => {
  t = await createTestApp();
  cast = await createCast(t.database.db);
  docA = await signIn(t.app, cast.doctorA);
  docB = await signIn(t.app, cast.doctorB);
  patA = await signIn(t.app, cast.patientA);
  patB = await signIn(t.app, cast.patientB);
  admin = await signIn(t.app, cast.admin);
  const weekly = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, ranges: [{ start: '08:00', end: '17:00' }] }));
  expect(
    (await api('PUT', `/doctors/${cast.doctorA.id}/availability`, docA, { slotMinutes: 30, weekly }))
      .statusCode,
  ).toBe(200);
});
afterAll(() => t.close());

describe('reschedule', () => {
  it('moves atomically, and of two patients racing into one slot exactly one wins', async () => {
    const a = await book(patA, '08:00');
    const b = await book(patB, '08:30');
    const [ra, rb] = await Promise.all([
      api('POST', `/appointments/${a}/reschedule`, patA, { startsAt: at('15:00') }),
      api('POST', `/appointments/${b}/reschedule`, patB, { startsAt: at('15:00') }),
    ]);
    expect([ra.statusCode, rb.statusCode].sort()).toEqual([200, 409]);
    const loser = ra.statusCode === 409 ? a : b;
    const loserWho = ra.statusCode === 409 ? patA : patB;
    const kept = await api('GET', `/appointments/${loser}`, loserWho);
    expect(kept.json<{ startsAt: string }>().startsAt).not.toBe(new Date(at('15:00')).toISOString());
  });

  it("refuses to move someone else's appointment", async () => {
    const id = await book(patA, '09:00');
    expect(
      (await api('POST', `/appointments/${id}/reschedule`, patB, { startsAt: at('16:00') })).statusCode,
    ).toBe(403);
    expect(
      (await api('POST', `/appointments/${id}/reschedule`, docB, { startsAt: at('16:00') })).statusCode,
    ).toBe(403);
  });
});

describe('cancel and status flow', () => {
  it('frees the slot at once when cancelled', async () => {
    const id = await book(patA, '10:00');
    const res = await api('POST', `/appointments/${id}/cancel`, patA, { reason: 'feeling better' });
    expect(res.json()).toMatchObject({ status: 'cancelled' });
    const again = await api('POST', '/appointments', patB, {
      doctorId: cast.doctorA.id,
      startsAt: at('10:00'),
    });
    expect(again.statusCode).toBe(201);
  });

  it('lets patients cancel only before the cut-off; staff any time', async () => {
    // An appointment three hours from now (inserted directly: booking rules need no part in this).
    const start = Date.now() + 3 * 3_600_000;
    const [row] = await t.database.db
      .insert(appointments)
      .values({
        doctorId: cast.doctorB.id,
        patientId: cast.patientA.id,
        clinicId: cast.clinicId,
        startsAt: new Date(start),
        endsAt: new Date(start + 1_800_000),
      })
      .returning();
    const late = await api('POST', `/appointments/${row!.id}/cancel`, patA, {});
    expect(late.statusCode).toBe(403);
    expect(late.json()).toMatchObject({ code: 'appointment.cancel_too_late' });
    expect((await api('POST', `/appointments/${row!.id}/cancel`, docB, {})).json()).toMatchObject({
      status: 'cancelled',
    });
  });

  it('follows booked → checked-in → completed and refuses invalid transitions with 409', async () => {
    const future = await book(patB, '11:00');
    const early = await api('POST', `/appointments/${future}/status`, docA, { status: 'no_show' });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'appointment.too_early' });
    // A visit that began ten minutes ago (inserted directly: it is in the past for booking rules).
    const start = Date.now() - 10 * 60_000;
    const [row] = await t.database.db
      .insert(appointments)
      .values({
        doctorId: cast.doctorA.id,
        patientId: cast.patientB.id,
        clinicId: cast.clinicId,
        startsAt: new Date(start),
        endsAt: new Date(start + 1_800_000),
      })
      .returning();
    const id = row!.id;
    expect((await api('POST', `/appointments/${id}/status`, patB, { status: 'checked_in' })).statusCode).toBe(
      403,
    );
    expect(
      (await api('POST', `/appointments/${id}/status`, docA, { status: 'checked_in' })).json(),
    ).toMatchObject({ status: 'checked_in' });
    expect(
      (await api('POST', `/appointments/${id}/status`, docA, { status: 'completed' })).json(),
    ).toMatchObject({ status: 'completed' });
    const invalid = await api('POST', `/appointments/${id}/cancel`, docA, {});
    expect(invalid.statusCode).toBe(409);
    expect(invalid.json()).toMatchObject({ code: 'appointment.invalid_transition' });
  });
});

describe('agendas and the day board', () => {
  it('show a doctor their own day and refuse other doctors', async () => {
    const from = encodeURIComponent(at('00:00'));
    const mine = await api('GET', `/doctors/${cast.doctorA.id}/agenda?from=${from}`, docA);
    expect(mine.statusCode).toBe(200);
    expect(mine.json<{ items: unknown[] }>().items.length).toBeGreaterThan(0);
    expect((await api('GET', `/doctors/${cast.doctorA.id}/agenda`, docB)).statusCode).toBe(403);
    const board = await api('GET', `/clinics/${cast.clinicId}/board?date=${tuesday.toISODate()!}`, admin);
    expect(
      board.json<{ items: { clinic: { id: string } }[] }>().items.every((a) => a.clinic.id === cast.clinicId),
    ).toBe(true);
  });
});
