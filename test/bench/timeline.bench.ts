/**
 * The patient timeline on PostgreSQL (issue 6 target: first page p95 < 20 ms for a patient with 5,000
 * entries). Measured: GET /api/v1/patients/{id}/timeline through the whole app (session, consent check,
 * query, audit row, serialization), and the keyset query alone, first page and ~4,000 entries deep.
 * Baseline in the same run: the obvious query — UNION ALL of the seven sources, ORDER BY, LIMIT/OFFSET —
 * on copies of the tables indexed by patient only. 100,000 more entries of 2,000 other patients share the
 * tables. Uses the PostgreSQL at BENCH_DATABASE_URL's server, in a fresh database dropped afterwards.
 */
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { PgTable } from 'drizzle-orm/pg-core';
import pino from 'pino';
import { build } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { openDatabase, queryRows, type Database, type Db } from '../../src/server/db/client.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { newId } from '../../src/server/db/schema/columns.ts';
import * as schema from '../../src/server/db/schema/index.ts';
import { createMetrics } from '../../src/server/http/metrics.ts';
import { JobRegistry, startJobs } from '../../src/server/jobs/index.ts';
import { hashPassword } from '../../src/server/modules/auth/index.ts';
import { TIMELINE_KINDS } from '../../src/server/modules/records/timeline-schema.ts';
import { timelineKeys } from '../../src/server/modules/records/timeline-repo.ts';
import { createEmptyDatabase, dropDatabase } from '../helpers/postgres.ts';

const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CONFIG = loadConfig({
  LOG_LEVEL: 'silent',
  SESSION_SECRET: 'bench-secret-that-is-long-enough-for-hmac-0123456789',
});
const PASSWORD = 'harbor-violet-bench-lantern-0417';
const RUNS = 500;
/** Per encounter: itself, 2 diagnoses, 2 lab results, 2 notes, 2 billing lines, 1 prescription (one instant). */
const PER_ENCOUNTER = 10;
const TARGET_ENCOUNTERS = 450; // 4,500 entries + 500 appointments = 5,000
const TARGET_VISITS = 500;
const OTHERS = 2000;
const OTHER_ENCOUNTERS = 5; // 2,000 × 5 × 10 = 100,000 entries

type Ids = { clinicId: string; doctorId: string };

async function insertBatched(db: Db, table: PgTable, rows: object[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await db.insert(table).values(rows.slice(i, i + 1000));
}

/** A patient's history: `encounters` visits an hour apart, each with its entries at the visit's instant. */
function history(patientId: string, ids: Ids, encounters: number, start: number) {
  const base = { patientId, doctorId: ids.doctorId };
  const rows: Record<string, object[]> = { enc: [], dia: [], lab: [], note: [], bill: [], rx: [] };
  for (let i = 0; i < encounters; i++) {
    const occurredAt = new Date(start + i * 3_600_000);
    const encounterId = newId();
    const entry = { ...base, encounterId, occurredAt };
    rows.enc!.push({ id: encounterId, ...base, occurredAt, reason: 'Follow-up' });
    for (const code of ['I10', 'E119'])
      rows.dia!.push({ id: newId(), ...entry, code, text: 'Chronic condition' });
    for (const v of ['92', '131'])
      rows.lab!.push({
        id: newId(),
        ...entry,
        testName: 'Glucose',
        loinc: '2345-7',
        valueNumeric: v,
        unit: 'mg/dL',
      });
    for (const body of ['Stable.', 'Plan unchanged.']) rows.note!.push({ id: newId(), ...entry, body });
    for (const amount of ['180.00', '35.50'])
      rows.bill!.push({ id: newId(), ...entry, description: 'Visit', amount, currency: 'BRL' });
    rows.rx!.push({
      id: newId(),
      ...entry,
      medication: 'Metformin 500 mg',
      dose: '1 tablet',
      route: 'oral',
      frequency: 'twice a day',
    });
  }
  return rows;
}

/** A clinic, a doctor, the patient under test (with an account) and 2,000 others: their ids. */
async function seedPeople(db: Db) {
  const [clinic] = await db
    .insert(schema.clinics)
    .values({ name: 'Bench', neighbourhood: 'Centro', timezone: 'America/Sao_Paulo', emergencyPhone: '192' })
    .returning();
  const [doctor] = await db
    .insert(schema.doctors)
    .values({ clinicId: clinic!.id, name: 'Dr Bench', specialty: 'General Practice' })
    .returning();
  const passwordHash = await hashPassword(PASSWORD);
  const [user] = await db
    .insert(schema.users)
    .values({ email: 'bench-patient@example.org', role: 'patient', displayName: 'Bench', passwordHash })
    .returning();
  const people = Array.from({ length: OTHERS + 1 }, (_, i) => ({
    name: `P ${String(i)}`,
    gender: 'F' as const,
    birthDate: '1970-01-01',
    neighbourhood: 'Centro',
    userId: i === 0 ? user!.id : null,
  }));
  const patientIds: string[] = [];
  for (let i = 0; i < people.length; i += 1000) {
    const rows = people.slice(i, i + 1000);
    const ids = await db.insert(schema.patients).values(rows).returning({ id: schema.patients.id });
    patientIds.push(...ids.map((r) => r.id));
  }
  return { ids: { clinicId: clinic!.id, doctorId: doctor!.id }, patientIds };
}

async function seed(db: Db) {
  const { ids, patientIds } = await seedPeople(db);
  const target = patientIds[0]!;
  const all: Record<string, object[]> = { enc: [], dia: [], lab: [], note: [], bill: [], rx: [] };
  const add = (rows: Record<string, object[]>) =>
    Object.entries(rows).forEach(([k, v]) => all[k]!.push(...v));
  add(history(target, ids, TARGET_ENCOUNTERS, Date.UTC(2024, 0, 1)));
  patientIds
    .slice(1)
    .forEach((p, i) => add(history(p, ids, OTHER_ENCOUNTERS, Date.UTC(2024, 0, 1) + i * 60_000)));
  await insertBatched(db, schema.encounters, all.enc!);
  await insertBatched(db, schema.diagnoses, all.dia!);
  await insertBatched(db, schema.labResults, all.lab!);
  await insertBatched(db, schema.clinicalNotes, all.note!);
  await insertBatched(db, schema.billingLines, all.bill!);
  await insertBatched(db, schema.prescriptions, all.rx!);
  const visits = Array.from({ length: TARGET_VISITS }, (_, i) => {
    const startsAt = new Date(Date.UTC(2023, 0, 1) + i * 86_400_000 + 30 * 60_000);
    const endsAt = new Date(startsAt.getTime() + 1_800_000);
    return { ...ids, patientId: target, startsAt, endsAt, status: 'completed' as const };
  });
  await insertBatched(db, schema.appointments, visits);
  await db.execute(sql`analyze`);
  return { target };
}

const SOURCES = [
  ['encounter', 'encounters', 'occurred_at'],
  ['diagnosis', 'diagnoses', 'occurred_at'],
  ['prescription', 'prescriptions', 'occurred_at'],
  ['lab_result', 'lab_results', 'occurred_at'],
  ['note', 'clinical_notes', 'occurred_at'],
  ['billing_line', 'billing_lines', 'occurred_at'],
  ['appointment', 'appointments', 'starts_at'],
] as const;

/** The baseline's tables: copies with only a patient index, as a first version would have them. */
async function naiveTables(db: Db): Promise<void> {
  for (const [, table] of SOURCES) {
    const copy = sql.identifier(`naive_${table}`);
    await db.execute(sql`create table ${copy} as table ${sql.identifier(table)}`);
    await db.execute(sql`create index on ${copy} (patient_id)`);
  }
  await db.execute(sql`analyze`);
}

function naivePage(db: Db, patientId: string, offset: number) {
  const branches = SOURCES.map(
    ([kind, table, at]) =>
      sql`select ${kind}::text as kind, id, ${sql.identifier(at)} as at from ${sql.identifier(`naive_${table}`)} where patient_id = ${patientId}`,
  );
  return queryRows(
    db,
    sql`select * from (${sql.join(branches, sql` union all `)}) t order by at desc, id desc limit 21 offset ${offset}`,
  );
}

async function measure(fn: () => Promise<unknown>): Promise<string> {
  for (let i = 0; i < 30; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
  return `p50 ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms`;
}

async function entriesOf(db: Db, patientId: string): Promise<number> {
  const counts = SOURCES.map(
    ([, t]) => sql`(select count(*) from ${sql.identifier(t)} where patient_id = ${patientId})`,
  );
  const [row] = await queryRows<{ n: number }>(db, sql`select (${sql.join(counts, sql` + `)})::int as n`);
  return row!.n;
}

/** Runs every measurement and prints one line each. */
async function report(app: FastifyInstance, db: Db, target: string): Promise<void> {
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: 'bench-patient@example.org', password: PASSWORD },
  });
  const headers = { authorization: `Bearer ${login.json<{ token: string }>().token}` };
  const url = `/api/v1/patients/${target}/timeline?limit=20`;
  const first = await app.inject({ url, headers });
  if (first.statusCode !== 200) throw new Error(`timeline: ${String(first.statusCode)} ${first.body}`);
  const filter = { patientId: target, kinds: TIMELINE_KINDS, limit: 21 };
  const deep = (await timelineKeys(db, { ...filter, limit: 4001 })).at(-1)!;
  const others = OTHERS * OTHER_ENCOUNTERS * PER_ENCOUNTER;
  console.log(
    `patient timeline: ${String(await entriesOf(db, target))} entries (+${String(others)} of ${String(OTHERS)} other patients), ${String(RUNS)} runs each`,
  );
  const line = async (label: string, fn: () => Promise<unknown>, note = '') =>
    console.log(`${label.padEnd(48)} ${await measure(fn)}${note}`);
  await line(
    'GET …/timeline first page (20), whole app:',
    () => app.inject({ url, headers }),
    '   target p95 < 20 ms',
  );
  await line('keyset query, first page:', () => timelineKeys(db, filter));
  await line('keyset query, after 4,000 entries:', () => timelineKeys(db, { ...filter, after: deep }));
  await line('baseline: UNION ALL + OFFSET, first page:', () => naivePage(db, target, 0));
  await line('baseline: UNION ALL + OFFSET, offset 4,000:', () => naivePage(db, target, 4000));
}

async function run(database: Database) {
  await migrate(database);
  const { target } = await seed(database.db);
  await naiveTables(database.db);
  const logger = pino({ level: 'silent' });
  const jobs = await startJobs(database, new JobRegistry(), { workers: false, logger });
  const app = await build({ config: CONFIG, database, jobs, metrics: createMetrics() });
  try {
    await report(app, database.db, target);
  } finally {
    await app.close();
    await jobs.stop();
  }
}

const url = await createEmptyDatabase(SERVER);
const database = await openDatabase({ kind: 'postgres', connectionString: url, poolSize: 4 });
try {
  await run(database);
} finally {
  await database.close();
  await dropDatabase(url);
}
