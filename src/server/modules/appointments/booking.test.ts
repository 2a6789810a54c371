import { count, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createCast, signIn, type Cast, type SignedIn } from '../../../../test/helpers/fixtures.ts';
import { appointments, outbox, patients } from '../../db/schema/index.ts';

const ZONE = 'America/Sao_Paulo';
let t: TestApp;
let cast: Cast;
let docA: SignedIn;
let patA: SignedIn;
let patB: SignedIn;
let admin: SignedIn;
let extraPatients: string[];

/** 09:00 local on the Monday of the week after next: always bookable under default notice and horizon. */
const monday = DateTime.now().setZone(ZONE).startOf('week').plus({ weeks: 2 });
const at = (day: DateTime, hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return day.set({ hour: h, minute: m }).toISO({ suppressMilliseconds: true })!;
};

const api = (
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  who: SignedIn | undefined,
  payload?: object,
  headers: Record<string, string> = {},
) =>
  t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { ...(who?.headers ?? {}), ...headers },
    ...(payload ? { payload } : {}),
  });

beforeAll(async () => {
  t = await createTestApp();
  cast = await createCast(t.database.db);
  [docA, patA, patB, admin] = await Promise.all([
    signIn(t.app, cast.doctorA),
    signIn(t.app, cast.patientA),
    signIn(t.app, cast.patientB),
    signIn(t.app, cast.admin),
  ]);
  const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({
    weekday,
    ranges: [
      { start: '08:00', end: '12:00' },
      { start: '13:00', end: '17:00' },
    ],
  }));
  const put = await api('PUT', `/doctors/${cast.doctorA.id}/availability`, docA, {
    slotMinutes: 30,
    weekly: weekdays,
  });
  expect(put.statusCode).toBe(200);
  const rows = await t.database.db
    .insert(patients)
    .values(
      Array.from({ length: 100 }, (_, i) => ({
        name: `Load Patient ${String(i)}`,
        gender: 'F' as const,
        birthDate: '1990-01-01',
        neighbourhood: 'Centro',
      })),
    )
    .returning({ id: patients.id });
  extraPatients = rows.map((r) => r.id);
});
afterAll(() => t.close());

const bookAs = (who: SignedIn, startsAt: string, extra: object = {}, headers: Record<string, string> = {}) =>
  api(
    'POST',
    '/appointments',
    who,
    { doctorId: cast.doctorA.id, startsAt, reason: 'chest pain on stairs', ...extra },
    headers,
  );
const rowsAt = async (startsAt: string) =>
  (
    await t.database.db
      .select({ n: count() })
      .from(appointments)
      .where(eq(appointments.startsAt, new Date(startsAt)))
  )[0]!.n;

describe('slots', () => {
  it('are public, in working hours, with the clinic offset', async () => {
    const res = await api(
      'GET',
      `/doctors/${cast.doctorA.code}/slots?from=${encodeURIComponent(at(monday, '00:00'))}&to=${encodeURIComponent(at(monday, '23:59'))}`,
      undefined,
    );
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: { start: string }[] }>().items;
    expect(items).toHaveLength(16);
    expect(items[0]!.start).toBe(at(monday, '08:00'));
    expect(items.map((s) => s.start)).not.toContain(at(monday, '12:00'));
    expect(items[0]!.start.endsWith('-03:00')).toBe(true);
  });
});

describe('booking', () => {
  it('books a free slot once; the slot disappears from the free list; an event and an audit row are written', async () => {
    const startsAt = at(monday, '09:00');
    const res = await bookAs(patA, startsAt);
    expect(res.statusCode).toBe(201);
    const booked = res.json<{ id: string; status: string; patient: { id: string } }>();
    expect(booked).toMatchObject({ status: 'booked', patient: { id: cast.patientA.id } });
    const slots = await api(
      'GET',
      `/doctors/${cast.doctorA.id}/slots?from=${encodeURIComponent(at(monday, '00:00'))}&to=${encodeURIComponent(at(monday, '23:59'))}`,
      undefined,
    );
    expect(slots.json<{ items: { start: string }[] }>().items.map((s) => s.start)).not.toContain(startsAt);
    const events = await t.database.db.select().from(outbox).where(eq(outbox.topic, 'appointment.booked'));
    expect(events.map((e) => e.payload.appointmentId)).toContain(booked.id);
    const mine = await api('GET', '/me/appointments', patA);
    expect(mine.json<{ items: { id: string }[] }>().items.map((a) => a.id)).toContain(booked.id);
  });

  it('lets exactly one of 100 parallel requests for one slot win', async () => {
    const startsAt = at(monday, '10:00');
    const answers = await Promise.all(
      extraPatients.map((patientId) => bookAs(admin, startsAt, { patientId })),
    );
    const codes = answers.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(99);
    expect(
      answers
        .filter((r) => r.statusCode === 409)
        .every((r) => r.json<{ code: string }>().code === 'appointment.slot_taken'),
    ).toBe(true);
    expect(await rowsAt(startsAt)).toBe(1);
  });

  it('answers 201 once and 409 otherwise when one patient races for one slot (no 500 from deadlocks)', async () => {
    const startsAt = at(monday, '16:00');
    const answers = await Promise.all(Array.from({ length: 20 }, () => bookAs(patB, startsAt)));
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, ...Array<number>(19).fill(409)]);
    expect(await rowsAt(startsAt)).toBe(1);
  });

  it('books exactly 10 appointments when 100 requests race over 10 slots', async () => {
    const day = monday.plus({ days: 1 });
    const free = await api(
      'GET',
      `/doctors/${cast.doctorA.id}/slots?from=${encodeURIComponent(at(day, '00:00'))}&to=${encodeURIComponent(at(day, '23:59'))}`,
      undefined,
    );
    const starts = free
      .json<{ items: { start: string }[] }>()
      .items.slice(0, 10)
      .map((s) => s.start);
    expect(starts).toHaveLength(10);
    const answers = await Promise.all(
      extraPatients.map((patientId, i) => bookAs(admin, starts[i % 10]!, { patientId })),
    );
    expect(answers.filter((r) => r.statusCode === 201)).toHaveLength(10);
    for (const s of starts) expect(await rowsAt(s)).toBe(1);
  });

  it('returns the same appointment for a retried request with the same Idempotency-Key', async () => {
    const startsAt = at(monday, '11:00');
    const key = { 'idempotency-key': 'retry-0001-abc' };
    const first = await bookAs(patB, startsAt, {}, key);
    const retry = await bookAs(patB, startsAt, {}, key);
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(200);
    expect(retry.json<{ id: string }>().id).toBe(first.json<{ id: string }>().id);
    expect(await rowsAt(startsAt)).toBe(1);
    const reused = await bookAs(patB, at(monday, '11:30'), {}, key);
    expect(reused.statusCode).toBe(422);
    expect(reused.json()).toMatchObject({ code: 'idempotency.key_reused' });
  });

  it.each([
    ['on a break', () => at(monday, '12:00'), 'slot.not_offered'],
    ['off the slot grid', () => at(monday, '09:10'), 'slot.not_offered'],
    ['on a weekend', () => at(monday.plus({ days: 5 }), '09:00'), 'slot.clinic_closed'],
    ['in the past', () => at(monday.minus({ weeks: 3 }), '09:00'), 'slot.in_past'],
    ['beyond the horizon', () => at(monday.plus({ days: 120 }), '09:00'), 'slot.beyond_horizon'],
  ])('refuses a time %s with a code naming the rule', async (_label, when, code) => {
    const res = await bookAs(patA, when());
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code });
  });

  it('refuses a second booking that overlaps the patient’s own', async () => {
    const res = await bookAs(patA, at(monday, '09:00'), { doctorId: cast.doctorA.id });
    expect(res.statusCode).toBe(409);
  });

  it('does not let a doctor create a care relationship with a stranger by booking', async () => {
    const docB = await signIn(t.app, cast.doctorB);
    const res = await bookAs(docB, at(monday, '14:00'), { patientId: cast.patientA.id });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'appointment.no_relationship' });
  });

  it('shows the reason for the visit to the patient and their doctor only', async () => {
    const res = await bookAs(patB, at(monday, '15:00'), { reason: 'rash on both arms' });
    const id = res.json<{ id: string }>().id;
    const reasonFor = async (who: SignedIn) =>
      (await api('GET', `/appointments/${id}`, who)).json<{ reason: string | null }>().reason;
    expect(await reasonFor(patB)).toBe('rash on both arms');
    expect(await reasonFor(docA)).toBe('rash on both arms');
    expect(await reasonFor(admin)).toBeNull();
  });
});
