/**
 * A small cast for access tests: one clinic, two doctors (one caring for patient A), two patients with
 * accounts, an admin, and helpers to sign in. Passwords are generated per run.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/server/db/client.ts';
import { appointments, clinics, doctors, patients, users } from '../../src/server/db/schema/index.ts';
import { hashPassword } from '../../src/server/modules/auth/index.ts';

export const strongPassword = (): string => `harbor-violet-${randomBytes(6).toString('hex')}-lantern`;

export interface Account {
  userId: string;
  email: string;
  password: string;
}

export interface Cast {
  clinicId: string;
  doctorA: { id: string; code: string } & Account;
  doctorB: { id: string; code: string } & Account;
  patientA: { id: string; code: string } & Account;
  patientB: { id: string; code: string } & Account;
  admin: Account;
}

async function account(db: Db, role: 'patient' | 'doctor' | 'admin', name: string): Promise<Account> {
  const password = strongPassword();
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${randomBytes(3).toString('hex')}@example.org`;
  const [row] = await db
    .insert(users)
    .values({ email, role, displayName: name, passwordHash: await hashPassword(password) })
    .returning({ id: users.id });
  return { userId: row!.id, email, password };
}

export async function createCast(db: Db): Promise<Cast> {
  const [clinic] = await db
    .insert(clinics)
    .values({
      name: 'Clínica Praia',
      neighbourhood: 'Praia do Canto',
      timezone: 'America/Sao_Paulo',
      emergencyPhone: '+55 27 3000-0000',
    })
    .returning();
  const doc = async (name: string, specialty: string) => {
    const acc = await account(db, 'doctor', name);
    const [row] = await db
      .insert(doctors)
      .values({ clinicId: clinic!.id, name, specialty, userId: acc.userId })
      .returning();
    return { id: row!.id, code: row!.code, ...acc };
  };
  const pat = async (name: string, gender: 'F' | 'M', birthDate: string) => {
    const acc = await account(db, 'patient', name);
    const [row] = await db
      .insert(patients)
      .values({ name, gender, birthDate, neighbourhood: 'Centro', userId: acc.userId })
      .returning();
    return { id: row!.id, code: row!.code, ...acc };
  };
  const doctorA = await doc('Dr Ana Souza', 'Cardiology');
  const doctorB = await doc('Dr Bruno Lima', 'Dermatology');
  const patientA = await pat('Carla Mendes', 'F', '1980-02-03');
  const patientB = await pat('Diego Rocha', 'M', '1975-06-07');
  // Doctor A cares for patient A (a past visit); doctor B cares for nobody.
  await db.insert(appointments).values({
    doctorId: doctorA.id,
    patientId: patientA.id,
    clinicId: clinic!.id,
    startsAt: new Date('2026-01-05T13:00:00Z'),
    endsAt: new Date('2026-01-05T13:30:00Z'),
    status: 'completed',
  });
  return {
    clinicId: clinic!.id,
    doctorA,
    doctorB,
    patientA,
    patientB,
    admin: await account(db, 'admin', 'Admin Root'),
  };
}

export interface SignedIn {
  token: string;
  csrfToken: string;
  cookie: string;
  /** Bearer headers for inject(). */
  headers: Record<string, string>;
}

export async function signIn(
  app: FastifyInstance,
  who: { email: string; password: string },
): Promise<SignedIn> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: who.email, password: who.password },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${String(res.statusCode)} ${res.body}`);
  const body = res.json<{ token: string; csrfToken: string }>();
  const setCookie = [res.headers['set-cookie']].flat().find((c) => c?.startsWith('hs_session='));
  return {
    token: body.token,
    csrfToken: body.csrfToken,
    cookie: setCookie!.split(';')[0]!,
    headers: { authorization: `Bearer ${body.token}` },
  };
}

/** One more account of this role, linked to no doctor or patient record (for tests that lock or disable it). */
export function createSpareAccount(
  db: Db,
  role: 'patient' | 'doctor' | 'admin',
  name: string,
): Promise<Account> {
  return account(db, role, name);
}

/** A patient record without an account that no doctor cares for. */
export async function createSparePatient(db: Db, name: string): Promise<{ id: string; code: string }> {
  const [row] = await db
    .insert(patients)
    .values({ name, gender: 'X', birthDate: '1990-01-01', neighbourhood: 'Centro' })
    .returning();
  return { id: row!.id, code: row!.code };
}
