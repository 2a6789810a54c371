import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createCast, signIn, type Cast, type SignedIn } from '../../../../test/helpers/fixtures.ts';

let t: TestApp;
let cast: Cast;
let admin: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  cast = await createCast(t.database.db);
  admin = await signIn(t.app, cast.admin);
});
afterAll(() => t.close());

const send = (method: 'POST' | 'PATCH', url: string, payload: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: admin.headers, payload });

describe('admins manage the directory', () => {
  it('add a clinic and a doctor that the public directory then shows', async () => {
    const clinic = await send('POST', '/clinics', {
      name: 'Clínica Norte',
      neighbourhood: 'Goiabeiras',
      timezone: 'America/Sao_Paulo',
      emergencyPhone: '+55 27 3000-1111',
      location: { latitude: -20.27, longitude: -40.3 },
    });
    expect(clinic.statusCode).toBe(201);
    const created = clinic.json<{ id: string; code: string; closedOnWeekends: boolean }>();
    expect(created.code).toMatch(/^C\d+$/);
    expect(created.closedOnWeekends).toBe(true);
    const doctor = await send('POST', '/doctors', {
      name: 'Dr Nova Silva',
      specialty: 'Neurology',
      clinic: created.code,
    });
    expect(doctor.statusCode).toBe(201);
    const listed = await t.app.inject(`/api/v1/doctors?clinic=${created.code}`);
    expect(listed.json<{ items: { name: string }[] }>().items.map((d) => d.name)).toEqual(['Dr Nova Silva']);
  });

  it('change a clinic and move a doctor to another clinic', async () => {
    expect((await send('PATCH', `/clinics/${cast.clinicId}`, { capacity: 150 })).json()).toMatchObject({
      capacity: 150,
    });
    const other = (await t.app.inject('/api/v1/clinics?q=Norte')).json<{ items: { id: string }[] }>()
      .items[0]!;
    const moved = await send('PATCH', `/doctors/${cast.doctorB.code}`, { clinic: other.id });
    expect(moved.json()).toMatchObject({ clinic: { id: other.id } });
  });

  it('refuse an unknown time zone, an unknown clinic and a taken code, naming the field', async () => {
    const zone = await send('POST', '/clinics', {
      name: 'Clínica X',
      neighbourhood: 'Y',
      timezone: 'Mars/Olympus',
      emergencyPhone: '192',
    });
    expect(zone.statusCode).toBe(400);
    expect(zone.json<{ errors: { path: string }[] }>().errors[0]!.path).toBe('body.timezone');
    const clinic = await send('POST', '/doctors', { name: 'Dr X', specialty: 'Cardiology', clinic: 'C999' });
    expect(clinic.statusCode).toBe(422);
    expect(clinic.json<{ errors: { path: string }[] }>().errors[0]!.path).toBe('body.clinic');
    const taken = await send('POST', '/doctors', {
      code: cast.doctorA.code,
      name: 'Dr Y',
      specialty: 'Cardiology',
      clinic: cast.clinicId,
    });
    expect(taken.statusCode).toBe(409);
  });
});
