import { verify } from '@node-rs/argon2';
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/db.ts';
import { queryRows, type Database, type Db } from '../db/client.ts';
import { appointments, clinics, doctors, patients, users } from '../db/schema/index.ts';
import { newId } from '../db/schema/columns.ts';
import { loadDemoData, type DemoResult } from './index.ts';

const NOW = new Date('2026-05-06T14:37:00Z');

async function tableCounts(db: Db) {
  const one = async (
    table: typeof clinics | typeof doctors | typeof patients | typeof appointments | typeof users,
  ) => (await db.select({ n: count() }).from(table))[0]?.n ?? -1;
  return {
    clinics: await one(clinics),
    doctors: await one(doctors),
    patients: await one(patients),
    appointments: await one(appointments),
    users: await one(users),
  };
}

let database: Database;
let result: DemoResult;
beforeAll(async () => {
  database = await createTestDatabase();
  result = await loadDemoData(database.db, { now: NOW });
});
afterAll(() => database.close());

describe('loadDemoData', () => {
  it('loads the whole demo into an empty database, every appointment accepted by the overlap constraints', async () => {
    if (!result.loaded) throw new Error('the demo did not load');
    expect(result.counts).toMatchObject({ clinics: 3, doctors: 12, patients: 200, users: 3 });
    expect(result.counts.appointments).toBeGreaterThan(400);
    expect(result.counts.records).toBeGreaterThan(400);
    const { clinics: c, doctors: d, patients: p, appointments: a, users: u } = result.counts;
    expect(await tableCounts(database.db)).toEqual({
      clinics: c,
      doctors: d,
      patients: p,
      appointments: a,
      users: u,
    });
    const [first] = await database.db.select().from(clinics).where(eq(clinics.code, 'C001'));
    expect(first).toMatchObject({ timezone: 'America/Sao_Paulo' });
  });

  it('comes from the generator through the import path: past visits settled, future ones booked', async () => {
    const [run] = await queryRows<{ format: string; source: string }>(
      database.db,
      sql`select format, source from import_runs`,
    );
    expect(run).toEqual({ format: 'healthsynth', source: 'demo' });
    const rows = await queryRows<{ future: boolean; status: string; n: number }>(
      database.db,
      sql`select starts_at > ${NOW.toISOString()}::timestamptz as future, status, count(*)::int as n
          from appointments group by 1, 2`,
    );
    const statuses = (future: boolean) =>
      rows
        .filter((r) => r.future === future)
        .map((r) => r.status)
        .sort();
    expect(statuses(false)).toEqual(['cancelled', 'completed', 'no_show']);
    expect(statuses(true)).toContain('booked');
    expect(statuses(true)).not.toContain('completed');
    const [late] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from encounters where occurred_at > ${NOW.toISOString()}::timestamptz`,
    );
    expect(late!.n).toBe(0);
    const hours = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from doctor_weekly_hours`,
    );
    expect(hours[0]!.n).toBeGreaterThanOrEqual(12 * 5);
  });

  it('does not load twice: a second call reports loaded:false and changes nothing', async () => {
    const before = await tableCounts(database.db);
    expect(await loadDemoData(database.db, { now: NOW })).toEqual({ loaded: false });
    expect(await tableCounts(database.db)).toEqual(before);
  });

  it('creates admin, doctor and patient accounts with random passwords stored only as argon2id hashes', async () => {
    if (!result.loaded) throw new Error('the demo did not load');
    expect(result.accounts.map((a) => a.role)).toEqual(['admin', 'doctor', 'patient']);
    const passwords = result.accounts.map((a) => a.password);
    expect(new Set(passwords).size).toBe(3);
    for (const account of result.accounts) {
      expect(account.password.length).toBeGreaterThanOrEqual(16);
      expect(account.email).toBe(`${account.role}@demo.healthsync.local`);
      const [user] = await database.db.select().from(users).where(eq(users.email, account.email));
      if (!user) throw new Error(`no user ${account.email}`);
      expect(user.role).toBe(account.role);
      expect(user.passwordHash).toMatch(/^\$argon2id\$/);
      expect(user.passwordHash).not.toContain(account.password);
      expect(await verify(user.passwordHash, account.password)).toBe(true);
      expect(await verify(user.passwordHash, account.password + 'x')).toBe(false);
    }
  });

  it('links the doctor and patient accounts to one demo doctor and one demo patient', async () => {
    const linkedDoctors = await database.db
      .select({ name: doctors.name, displayName: users.displayName })
      .from(doctors)
      .innerJoin(users, eq(users.id, doctors.userId));
    expect(linkedDoctors).toHaveLength(1);
    expect(linkedDoctors[0]?.name).toBe(linkedDoctors[0]?.displayName);
    const linkedPatients = await database.db
      .select({ id: patients.id, role: users.role })
      .from(patients)
      .innerJoin(users, eq(users.id, patients.userId));
    expect(linkedPatients.map((p) => p.role)).toEqual(['patient']);
    const history = await database.db
      .select({ status: appointments.status })
      .from(appointments)
      .where(eq(appointments.patientId, linkedPatients[0]?.id ?? ''));
    expect(history.map((h) => h.status)).toEqual(expect.arrayContaining(['completed', 'booked']));
  });

  it('leaves the code sequences past the demo codes, so the next clinic gets C004', async () => {
    const [row] = await database.db
      .insert(clinics)
      .values({
        name: 'New clinic',
        neighbourhood: 'Centro',
        timezone: 'America/Sao_Paulo',
        emergencyPhone: '+55 27 3000-0000',
      })
      .returning({ code: clinics.code });
    expect(row?.code).toBe('C004');
    await database.db.delete(clinics).where(eq(clinics.code, 'C004'));
  });

  it('stores appointments the overlap constraint really guards (a double booking is refused)', async () => {
    const [taken] = await database.db
      .select()
      .from(appointments)
      .where(eq(appointments.status, 'booked'))
      .limit(1);
    if (!taken) throw new Error('no booked appointment');
    const [otherPatient] = await database.db
      .select({ id: patients.id })
      .from(patients)
      .where(sql`${patients.id} <> ${taken.patientId}`)
      .limit(1);
    const doubleBooking = database.db.insert(appointments).values({
      ...taken,
      id: newId(),
      patientId: otherPatient?.id ?? '',
    });
    await expect(doubleBooking).rejects.toMatchObject({ cause: { code: '23P01' } });
  });

  it('skips a database already in use: with clinics (e.g. imported), or with demo accounts left', async () => {
    const other = await createTestDatabase();
    try {
      await other.db.insert(clinics).values({
        name: 'Existing clinic',
        neighbourhood: 'Centro',
        timezone: 'America/Sao_Paulo',
        emergencyPhone: '+55 27 3000-0000',
      });
      expect(await loadDemoData(other.db, { now: NOW })).toEqual({ loaded: false });
      expect(await tableCounts(other.db)).toEqual({
        clinics: 1,
        doctors: 0,
        patients: 0,
        appointments: 0,
        users: 0,
      });
      // Clinics all deleted but the demo accounts still there: loading again would clash with them.
      await other.db.delete(clinics);
      await other.db.insert(users).values({
        email: 'Admin@demo.healthsync.local',
        passwordHash: 'x',
        role: 'admin',
        displayName: 'Kept',
      });
      expect(await loadDemoData(other.db, { now: NOW })).toEqual({ loaded: false });
      expect((await tableCounts(other.db)).users).toBe(1);
    } finally {
      await other.close();
    }
  });

  it('loads once when two first starts race for the same database', async () => {
    const other = await createTestDatabase();
    try {
      const results = await Promise.all([
        loadDemoData(other.db, { now: NOW }),
        loadDemoData(other.db, { now: NOW }),
      ]);
      expect(results.filter((r) => r.loaded)).toHaveLength(1);
      expect((await tableCounts(other.db)).clinics).toBe(3);
    } finally {
      await other.close();
    }
  });
});
