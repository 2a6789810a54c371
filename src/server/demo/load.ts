/**
 * The demo of the first embedded start: a small Health Synth data set from the generator (fixed seed, a
 * period that ends a month after `now`), loaded through the same import path as real files (`healthsynth`
 * format, source `demo`; visits after `now` become bookings), plus three demo accounts. Their passwords are
 * generated here, hashed with argon2id, and returned once so the caller can print them: no password lives
 * in the code or the database in clear.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hash } from '@node-rs/argon2';
import { sql } from 'drizzle-orm';
import { parseGenerateFlags } from '../../pipeline/generate/options.ts';
import { createGenerator } from '../../pipeline/generate/generator.ts';
import { writeCsvFiles } from '../../pipeline/io/csv-files.ts';
import { queryRows, type Db, type Tx } from '../db/client.ts';
import { clinics, users, type UserRole } from '../db/schema/index.ts';
import { newId } from '../db/schema/columns.ts';
import { importFiles, type ImportReport } from '../modules/imports/index.ts';
import { DEMO_TIMEZONE } from './catalog.ts';
import { addDays, isoDate, localDateTime } from './zoned.ts';

export interface LoadDemoOptions {
  /** Same seed and `now`, same demo data (default: a fixed seed). */
  seed?: number;
  /** The moment the demo's past and future are measured from (default: the current time). */
  now?: Date;
  clinics?: number;
  doctors?: number;
  patients?: number;
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
  records: number;
  users: number;
}

export type DemoResult = { loaded: false } | { loaded: true; counts: DemoCounts; accounts: DemoAccount[] };

export const DEMO_SEED = 20160429; // the last day of the Vitória no-show data
export const DEMO_EMAIL_DOMAIN = 'demo.healthsync.local';
/** The import source name of the demo data set. */
export const DEMO_SOURCE = 'demo';
/** The generated period: from this many days before `now` to a month after it. */
export const PAST_DAYS = 120;
export const FUTURE_DAYS = 30;

/** Serializes concurrent first starts on one PostgreSQL server (any constant works; this spells "demo"). */
const DEMO_LOCK_KEY = 0x64656d6f;

export async function loadDemoData(db: Db, options: LoadDemoOptions = {}): Promise<DemoResult> {
  if (await alreadySetUp(db)) return { loaded: false };
  const now = options.now ?? new Date();
  const dir = await mkdtemp(join(tmpdir(), 'healthsync-demo-'));
  try {
    await generateDemoFiles(dir, now, options);
    const accounts = await prepareAccounts();
    return await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${DEMO_LOCK_KEY})`);
      // Checked again under the lock: another process may have loaded the demo in the meantime.
      if (await alreadySetUp(tx)) return { loaded: false };
      const report = await importFiles(tx, {
        format: 'healthsynth',
        path: dir,
        source: DEMO_SOURCE,
        asOf: now,
      });
      await createAccounts(tx, accounts);
      return {
        loaded: true,
        counts: countsOf(report, accounts.length),
        accounts: accounts.map(({ role, email, password }) => ({ role, email, password })),
      } satisfies DemoResult;
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** CSV only, straight from the generator (the Parquet path would load DuckDB into every first start). */
async function generateDemoFiles(dir: string, now: Date, options: LoadDemoOptions): Promise<void> {
  const today = localDateTime(now.getTime(), DEMO_TIMEZONE);
  const settings = parseGenerateFlags({
    out: dir,
    patients: String(options.patients ?? 200),
    doctors: String(options.doctors ?? 12),
    clinics: String(options.clinics ?? 3),
    seed: String(options.seed ?? DEMO_SEED),
    start: isoDate(addDays(today, -PAST_DAYS)),
    days: String(PAST_DAYS + FUTURE_DAYS),
  });
  await writeCsvFiles(createGenerator(settings), dir, settings.patients);
}

function countsOf(report: ImportReport, users: number): DemoCounts {
  const { clinics, doctors, patients, appointments, entries } = report.created;
  return { clinics, doctors, patients, appointments, records: entries, users };
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
  passwordHash: string;
}

/** Hashing takes a moment: done before the transaction opens. */
async function prepareAccounts(): Promise<PreparedAccount[]> {
  return Promise.all(
    (['admin', 'doctor', 'patient'] as const).map(async (role) => {
      const password = randomBytes(18).toString('base64url'); // 24 characters, 144 random bits
      // argon2id is the library's default (its `Algorithm` const enum cannot be named under type
      // stripping); load.test.ts checks the `$argon2id$` prefix so a changed default cannot slip by.
      return {
        id: newId(),
        role,
        email: `${role}@${DEMO_EMAIL_DOMAIN}`,
        password,
        passwordHash: await hash(password),
      };
    }),
  );
}

/**
 * The doctor and the patient the demo accounts sign in as: the pair with the most visits together, among
 * pairs with both a completed visit (to rate, to open the chart) and a booked one (to see upcoming).
 */
async function accountHolders(
  tx: Tx,
): Promise<{ doctorId: string; doctor: string; patientId: string; patient: string }> {
  const [pair] = await queryRows<{ doctor_id: string; doctor: string; patient_id: string; patient: string }>(
    tx,
    sql`select a.doctor_id, d.name as doctor, a.patient_id, p.name as patient
        from appointments a join doctors d on d.id = a.doctor_id join patients p on p.id = a.patient_id
        group by a.doctor_id, d.name, d.code, a.patient_id, p.name, p.code
        order by bool_or(a.status = 'completed') and bool_or(a.status = 'booked') desc,
                 count(*) desc, d.code, p.code
        limit 1`,
  );
  if (!pair) throw new Error('the generated demo has no appointments');
  return { doctorId: pair.doctor_id, doctor: pair.doctor, patientId: pair.patient_id, patient: pair.patient };
}

async function createAccounts(tx: Tx, accounts: readonly PreparedAccount[]): Promise<void> {
  const holders = await accountHolders(tx);
  const names: Record<UserRole, string> = {
    admin: 'Demo Administrator',
    doctor: holders.doctor,
    patient: holders.patient,
  };
  await tx.insert(users).values(
    accounts.map(({ id, email, passwordHash, role }) => ({
      id,
      email,
      passwordHash,
      role,
      displayName: names[role],
    })),
  );
  const userOf = (role: UserRole) => accounts.find((a) => a.role === role)!.id;
  await tx.execute(sql`update doctors set user_id = ${userOf('doctor')} where id = ${holders.doctorId}`);
  await tx.execute(sql`update patients set user_id = ${userOf('patient')} where id = ${holders.patientId}`);
}
