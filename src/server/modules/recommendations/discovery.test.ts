/**
 * Discovery on a hand-built directory (real SQL): who ranks first and why, what each result says, red flags
 * first, bad places refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import {
  createCast,
  createSparePatient,
  signIn,
  type Cast,
  type SignedIn,
} from '../../../../test/helpers/fixtures.ts';
import { appointments, clinics, doctors, ratings } from '../../db/schema/index.ts';
import { discover, forgetCaches } from './service.ts';

let t: TestApp;
let cast: Cast;
let admin: SignedIn | undefined;
/** Monday 2031-03-03, 09:00 in São Paulo: the next free slot of a working doctor is 11:00 (2 h notice). */
const NOW = Date.parse('2031-03-03T12:00:00Z');
const ids: Record<string, string> = {};

async function clinic(name: string, lat: number, lon: number) {
  const [row] = await t.database.db
    .insert(clinics)
    .values({
      name,
      neighbourhood: name,
      latitude: lat,
      longitude: lon,
      timezone: 'America/Sao_Paulo',
      emergencyPhone: '192',
    })
    .returning();
  return row!.id;
}

async function doctor(key: string, clinicId: string, specialty: string, works: boolean) {
  const [row] = await t.database.db
    .insert(doctors)
    .values({ clinicId, name: `Dr ${key}`, specialty })
    .returning();
  ids[key] = row!.id;
  if (!works) return;
  const weekly = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, ranges: [{ start: '08:00', end: '18:00' }] }));
  const res = await t.app.inject({
    method: 'PUT',
    url: `/api/v1/doctors/${row!.id}/availability`,
    headers: admin!.headers,
    payload: { slotMinutes: 30, weekly },
  });
  expect(res.statusCode, res.body).toBe(200);
}

/** Five-star ratings from `n` completed visits. */
async function stars(key: string, n: number, clinicId: string) {
  const db = t.database.db;
  for (let i = 0; i < n; i++) {
    const patient = await createSparePatient(db, `Rater ${key} ${String(i)}`);
    const startsAt = new Date(Date.UTC(2030, 0, 2 + i, 13));
    const [visit] = await db
      .insert(appointments)
      .values({
        doctorId: ids[key]!,
        patientId: patient.id,
        clinicId,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 1_800_000),
        status: 'completed',
      })
      .returning();
    await db
      .insert(ratings)
      .values({ appointmentId: visit!.id, patientId: patient.id, doctorId: ids[key]!, score: 5 });
  }
}

beforeAll(async () => {
  t = await createTestApp();
  cast = await createCast(t.database.db);
  admin = await signIn(t.app, cast.admin);
  const near = await clinic('Ilha do Príncipe', -20.32, -40.343); // ≈ 0.5 km from Centro
  const mid = await clinic('Bento Ferreira', -20.308, -40.304); // ≈ 3.8 km
  const far = await clinic('Serra', -20.128, -40.307); // ≈ 21 km
  await doctor('Near', near, 'Cardiology', true);
  await doctor('MidStar', mid, 'Cardiology', true);
  await doctor('NearBusy', near, 'Cardiology', false);
  await doctor('Far', far, 'Cardiology', true);
  await doctor('Skin', near, 'Dermatology', true);
  await stars('MidStar', 5, mid);
  forgetCaches(t.database.db);
});
afterAll(() => t.close());

const query = (
  symptoms: string,
  extra: Partial<{ near: string; radius_km: number; limit: number }> = {},
) => ({
  symptoms,
  radius_km: 10,
  limit: 10,
  ...extra,
});

describe('ranking', () => {
  it('ranks by fit, distance, rating and next slot, and says each one', async () => {
    const answer = await discover(
      t.database.db,
      query('palpitations and swollen ankles', { near: '-20.3195,-40.338' }),
      NOW,
    );
    expect(answer.urgent).toBeNull();
    expect(answer.specialties.map((s) => s.specialty)).toEqual(['Cardiology']);
    expect(answer.specialties[0]!.matched).toEqual(['palpitations', 'swollen ankles']);
    // Near first (close, bookable); MidStar beats NearBusy on rating and a slot despite the distance;
    // Far is outside 10 km; the dermatologist does not fit.
    expect(answer.doctors.map((d) => d.name)).toEqual(['Dr Near', 'Dr MidStar', 'Dr NearBusy']);
    const [first, second, third] = answer.doctors;
    expect(first!.distanceKm).toBeCloseTo(0.55, 1);
    expect(second!.distanceKm).toBeCloseTo(3.8, 0);
    expect(second!.rating).toEqual({ score: 4, count: 5, average: 5 });
    expect(first!.rating).toEqual({ score: 3, count: 0, average: null });
    expect(first!.nextSlot).toEqual({ start: '2031-03-03T11:00:00-03:00', end: '2031-03-03T11:30:00-03:00' });
    expect(third!.nextSlot).toBeNull();
    expect(first!.score).toBeGreaterThan(second!.score);
    expect(second!.score).toBeGreaterThan(third!.score);
  });

  it('takes a neighbourhood for a place, and widens with the radius', async () => {
    const byName = await discover(
      t.database.db,
      query('palpitations', { near: 'bento ferreira', radius_km: 30 }),
      NOW,
    );
    expect(byName.origin).toMatchObject({ area: 'bento ferreira' });
    expect(byName.doctors.map((d) => d.name)).toContain('Dr Far');
    expect(byName.doctors[0]!.name).toBe('Dr MidStar');
    const limited = await discover(t.database.db, query('palpitations', { limit: 1 }), NOW);
    expect(limited.doctors).toHaveLength(1);
    expect(limited.doctors[0]!.distanceKm).toBeNull();
  });
});

describe('red flags and the HTTP answer', () => {
  it('puts the urgent answer first for emergencies, whatever else is said', async () => {
    for (const [text, flag] of [
      ['crushing chest pain and I am short of breath', 'heart-attack'],
      ['my dad has face drooping and slurred speech', 'stroke'],
      ["I have suicidal thoughts and can't sleep", 'suicide'],
      ['my son cannot breathe, his lips are turning blue', 'breathing'],
    ] as const) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/discover?symptoms=${encodeURIComponent(text)}`,
      });
      expect(res.statusCode).toBe(200);
      const body = res.json<{ urgent: { title: string; reasons: { id: string }[] } | null }>();
      expect(Object.keys(body)[0]).toBe('urgent');
      expect(body.urgent?.title).toMatch(/^Urgent: call emergency services/);
      expect(body.urgent?.reasons.map((r) => r.id)).toContain(flag);
    }
  });

  it('raises no flag for ordinary or negated symptoms', async () => {
    for (const text of ['itchy rash on my arm', 'no chest pain, just palpitations', 'tummy ache']) {
      const body = (
        await t.app.inject({ method: 'GET', url: `/api/v1/discover?symptoms=${encodeURIComponent(text)}` })
      ).json<{ urgent: unknown }>();
      expect(body.urgent, text).toBeNull();
    }
  });

  it('refuses a place it cannot find, naming the field', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/discover?symptoms=rash&near=Atlantis' });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: { path: string }[] }>().errors[0]!.path).toBe('query.near');
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/discover?symptoms=rash&near=95,10' });
    expect(bad.statusCode).toBe(400);
  });
});
