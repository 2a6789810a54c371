/** Integrity the database itself enforces, whatever the code above it does. */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/db.ts';
import { sqlState } from '../http/problem.ts';
import type { Database } from './client.ts';
import { appointments, clinics, doctors, patients } from './schema/index.ts';

let database: Database;
const ids = { clinic: '', doctorA: '', doctorB: '', patient1: '', patient2: '' };

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  const [clinic] = await db
    .insert(clinics)
    .values({ name: 'Centro', neighbourhood: 'Centro', timezone: 'America/Sao_Paulo', emergencyPhone: '192' })
    .returning();
  ids.clinic = clinic!.id;
  const docs = await db
    .insert(doctors)
    .values([
      { clinicId: ids.clinic, name: 'Dr A', specialty: 'Cardiology' },
      { clinicId: ids.clinic, name: 'Dr B', specialty: 'Dermatology' },
    ])
    .returning();
  [ids.doctorA, ids.doctorB] = docs.map((d) => d.id) as [string, string];
  const pts = await db
    .insert(patients)
    .values([
      { name: 'Ana', gender: 'F', birthDate: '1980-01-01', neighbourhood: 'Centro' },
      { name: 'Bruno', gender: 'M', birthDate: '1975-05-05', neighbourhood: 'Centro' },
    ])
    .returning();
  [ids.patient1, ids.patient2] = pts.map((p) => p.id) as [string, string];
});
afterAll(() => database.close());

const at = (hhmm: string) => new Date(`2030-03-04T${hhmm}:00Z`);

function book(
  doctorId: string,
  patientId: string,
  from: string,
  to: string,
  status: 'booked' | 'cancelled' = 'booked',
) {
  return database.db
    .insert(appointments)
    .values({ doctorId, patientId, clinicId: ids.clinic, startsAt: at(from), endsAt: at(to), status })
    .returning();
}

async function rejection(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (err) {
    return sqlState(err);
  }
  return undefined;
}

describe('appointment overlap constraints', () => {
  it('reject a second overlapping active appointment for the same doctor', async () => {
    await book(ids.doctorA, ids.patient1, '10:00', '10:30');
    expect(await rejection(book(ids.doctorA, ids.patient2, '10:15', '10:45'))).toBe('23P01');
  });

  it('reject a second overlapping active appointment for the same patient', async () => {
    expect(await rejection(book(ids.doctorB, ids.patient1, '10:29', '10:59'))).toBe('23P01');
  });

  it('allow back-to-back appointments (ranges are half-open)', async () => {
    expect(await rejection(book(ids.doctorA, ids.patient2, '10:30', '11:00'))).toBeUndefined();
  });

  it('do not let a cancelled appointment block the slot', async () => {
    const [cancelled] = await book(ids.doctorB, ids.patient2, '14:00', '14:30', 'cancelled');
    expect(await rejection(book(ids.doctorB, ids.patient1, '14:00', '14:30'))).toBeUndefined();
    // Re-activating the cancelled one would now overlap: refused too.
    const reactivate = database.db
      .update(appointments)
      .set({ status: 'booked' })
      .where(eq(appointments.id, cancelled!.id));
    expect(await rejection(reactivate)).toBe('23P01');
  });

  it('reject an appointment that ends before it starts', async () => {
    expect(await rejection(book(ids.doctorB, ids.patient2, '16:00', '15:30'))).toBe('23514');
  });

  it('let only one of many concurrent bookings of one slot win', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => book(ids.doctorB, ids.patient2, '09:00', '09:30')),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    // Raw concurrent inserts that hit both constraints may also be aborted as a deadlock (40P01) on
    // PostgreSQL; the booking service retries those. Either way, none of the losers got in.
    const states = results.flatMap((r) => (r.status === 'rejected' ? [sqlState(r.reason)] : []));
    expect(states).toHaveLength(7);
    expect(states.every((s) => s === '23P01' || s === '40P01')).toBe(true);
  });
});

describe('patient attributes', () => {
  it('reject a handicap outside 0–4', async () => {
    const insert = database.db
      .insert(patients)
      .values({ name: 'X', gender: 'F', birthDate: '1990-01-01', neighbourhood: 'Centro', handicap: 5 });
    expect(await rejection(insert)).toBe('23514');
  });

  it('give new rows readable codes', async () => {
    const [row] = await database.db
      .insert(patients)
      .values({ name: 'Carla', gender: 'F', birthDate: '1999-09-09', neighbourhood: 'Centro' })
      .returning();
    expect(row!.code).toMatch(/^P\d{4,}$/);
  });

  it('keeps codes unique past the padded width (P9999, then P10000)', async () => {
    await database.db.execute(sql`select setval('patient_code_seq', 9998)`);
    const rows = await database.db
      .insert(patients)
      .values([
        { name: 'Nine', gender: 'F', birthDate: '1990-01-01', neighbourhood: 'Centro' },
        { name: 'Ten', gender: 'M', birthDate: '1990-01-01', neighbourhood: 'Centro' },
      ])
      .returning({ code: patients.code });
    expect(rows.map((r) => r.code).sort()).toEqual(['P10000', 'P9999']);
  });
});
