/**
 * Loads the demo (rules.ts) into an empty database in one transaction, with batched multi-row inserts, and
 * creates the three demo accounts. Their passwords are generated here, hashed with argon2id, and returned
 * once so the caller can print them: no password lives in the code or the database in clear.
 */
import { randomBytes } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '../db/client.ts';
import {
  appointments,
  clinics,
  doctorWeeklyHours,
  doctors,
  patients,
  users,
  type UserRole,
} from '../db/schema/index.ts';
import { CLOSING_MINUTE, OPENING_MINUTE } from './schedule.ts';
import { newId } from '../db/schema/columns.ts';
import { buildDemoData, type DemoData } from './rules.ts';

export interface LoadDemoOptions {
  /** Same seed, same demo (default: a fixed seed). */
  seed?: number;
  /** The moment the demo's past and future are measured from (default: the current time). */
  now?: Date;
  clinics?: number;
  doctors?: number;
  patients?: number;
  appointments?: number;
}

export interface DemoAccount {
  role: UserRole;
  email: string;
  /** Shown once; only its argon2id hash is stored. */
  password: string;
}

export interface DemoCounts {
  clinics: number;
  doctors: number;
  patients: number;
  appointments: number;
  users: number;
}

export type DemoResult = { loaded: false } | { loaded: true; counts: DemoCounts; accounts: DemoAccount[] };

export const DEMO_SEED = 20160429; // the last day of the Vitória no-show data
export const DEMO_EMAIL_DOMAIN = 'demo.healthsync.local';

/** Rows per INSERT: few statements, yet far below PostgreSQL's 65,535 bind parameters. */
const BATCH_ROWS = 1000;
/** Serializes concurrent first starts on one PostgreSQL server (any constant works; this spells "demo"). */
const DEMO_LOCK_KEY = 0x64656d6f;

export async function loadDemoData(db: Db, options: LoadDemoOptions = {}): Promise<DemoResult> {
  if (await alreadySetUp(db)) return { loaded: false };
  const data = buildDemoData({ ...options, seed: options.seed ?? DEMO_SEED, now: options.now ?? new Date() });
  const accounts = await createAccounts(data);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${DEMO_LOCK_KEY})`);
    // Checked again under the lock: another process may have loaded the demo in the meantime.
    if (await alreadySetUp(tx)) return { loaded: false };
    await insertAll(tx, data, accounts);
    return {
      loaded: true,
      counts: {
        clinics: data.clinics.length,
        doctors: data.doctors.length,
        patients: data.patients.length,
        appointments: data.appointments.length,
        users: accounts.length,
      },
      accounts: accounts.map(({ role, email, password }) => ({ role, email, password })),
    } satisfies DemoResult;
  });
}

/** Any clinic means the database is in use; demo accounts left behind would make the account inserts fail. */
async function alreadySetUp(db: Db | Tx): Promise<boolean> {
  const clinic = await db.select({ id: clinics.id }).from(clinics).limit(1);
  if (clinic.length > 0) return true;
  const demoUser = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) like ${`%@${DEMO_EMAIL_DOMAIN}`}`)
    .limit(1);
  return demoUser.length > 0;
}

interface PreparedAccount extends DemoAccount {
  id: string;
  displayName: string;
  passwordHash: string;
}

async function createAccounts(data: DemoData): Promise<PreparedAccount[]> {
  const doctor = data.doctors.find((d) => d.id === data.accountHolders.doctorId);
  const patient = data.patients.find((p) => p.id === data.accountHolders.patientId);
  const specs: { role: UserRole; displayName: string }[] = [
    { role: 'admin', displayName: 'Demo Administrator' },
    { role: 'doctor', displayName: doctor?.name ?? 'Demo Doctor' },
    { role: 'patient', displayName: patient?.name ?? 'Demo Patient' },
  ];
  return Promise.all(
    specs.map(async ({ role, displayName }) => {
      const password = randomBytes(18).toString('base64url'); // 24 characters, 144 random bits
      return {
        id: newId(),
        role,
        email: `${role}@${DEMO_EMAIL_DOMAIN}`,
        displayName,
        password,
        // argon2id is the library's default (its `Algorithm` const enum cannot be named under type
        // stripping); load.test.ts checks the `$argon2id$` prefix so a changed default cannot slip by.
        passwordHash: await hash(password),
      };
    }),
  );
}

async function insertAll(tx: Tx, data: DemoData, accounts: readonly PreparedAccount[]): Promise<void> {
  const userFor = (role: UserRole): string | null => accounts.find((a) => a.role === role)?.id ?? null;
  const { doctorId, patientId } = data.accountHolders;
  await insertBatches(
    tx,
    users,
    accounts.map(({ id, email, passwordHash, role, displayName }) => ({
      id,
      email,
      passwordHash,
      role,
      displayName,
    })),
  );
  await insertBatches(tx, clinics, data.clinics);
  await insertBatches(
    tx,
    doctors,
    data.doctors.map((d) => ({ ...d, userId: d.id === doctorId ? userFor('doctor') : null })),
  );
  await insertBatches(
    tx,
    patients,
    data.patients.map((p) => ({ ...p, userId: p.id === patientId ? userFor('patient') : null })),
  );
  await insertBatches(tx, appointments, data.appointments);
  await insertBatches(tx, doctorWeeklyHours, weeklyHoursOf(data));
  await advanceCodeSequences(tx, data);
}

/** Every demo doctor works the demo's opening hours on weekdays, so slot search has something to show. */
function weeklyHoursOf(data: DemoData) {
  const hhmm = (m: number) =>
    `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const start = hhmm(OPENING_MINUTE);
  const end = hhmm(CLOSING_MINUTE);
  return data.doctors.flatMap((d) =>
    [1, 2, 3, 4, 5].map((weekday) => ({ doctorId: d.id, weekday, startTime: start, endTime: end })),
  );
}

async function insertBatches<T extends PgTable>(
  tx: Tx,
  table: T,
  rows: readonly T['$inferInsert'][],
): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH_ROWS) {
    await tx.insert(table).values(rows.slice(i, i + BATCH_ROWS));
  }
}

/** The demo sets its codes itself; the sequences must move past them or the next default code collides. */
async function advanceCodeSequences(tx: Tx, data: DemoData): Promise<void> {
  const sequences = [
    ['clinic_code_seq', data.clinics.length],
    ['doctor_code_seq', data.doctors.length],
    ['patient_code_seq', data.patients.length],
  ] as const;
  for (const [name, count] of sequences) {
    if (count > 0) await tx.execute(sql`select setval(${name}::regclass, ${count}::bigint)`);
  }
}
