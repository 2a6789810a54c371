/**
 * Bookings per second under 32 concurrent HTTP clients on PostgreSQL, and proof of zero double bookings.
 * Baselines in the same run: GET /health under the same clients (the HTTP ceiling of this process) and
 * the naive way to prevent double booking without an EXCLUDE constraint (check for overlap, then insert,
 * under a table lock), measured straight on the database with the same concurrency.
 * Uses the PostgreSQL at BENCH_DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432/postgres),
 * in a fresh database dropped afterwards. Bounded: 10 s per phase, loopback only.
 */
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import pg from 'pg';
import pino from 'pino';
import { build } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { openDatabase, queryRows, type Database } from '../../src/server/db/client.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { clinics, doctorWeeklyHours, doctors, patients, users } from '../../src/server/db/schema/index.ts';
import { createMetrics } from '../../src/server/http/metrics.ts';
import { JobRegistry, startJobs } from '../../src/server/jobs/index.ts';
import { hashPassword } from '../../src/server/modules/auth/index.ts';
import { createEmptyDatabase, dropDatabase } from '../helpers/postgres.ts';
import { runHttpLoad, type LoadResult } from './lib/http-load.ts';

const CLIENTS = 32;
const PHASE_MS = 10_000;
const DOCTORS = 50;
const PATIENTS = 5000;
const PASSWORD = 'harbor-violet-bench-lantern-0417';
const CONFIG = loadConfig({
  LOG_LEVEL: 'silent',
  SESSION_SECRET: 'bench-secret-that-is-long-enough-for-hmac-0123456789',
});
const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function seed(database: Database) {
  const db = database.db;
  const [clinic] = await db
    .insert(clinics)
    .values({ name: 'Bench', neighbourhood: 'Centro', timezone: 'America/Sao_Paulo', emergencyPhone: '192' })
    .returning();
  const docs = await db
    .insert(doctors)
    .values(
      Array.from({ length: DOCTORS }, (_, i) => ({
        clinicId: clinic!.id,
        name: `Dr ${String(i)}`,
        specialty: 'General Practice',
      })),
    )
    .returning({ id: doctors.id });
  const hours = docs.flatMap((d) =>
    [1, 2, 3, 4, 5].map((weekday) => ({ doctorId: d.id, weekday, startTime: '08:00', endTime: '17:00' })),
  );
  await db.insert(doctorWeeklyHours).values(hours);
  const pats: string[] = [];
  for (let i = 0; i < PATIENTS; i += 1000) {
    const rows = Array.from({ length: 1000 }, (_, j) => ({
      name: `P ${String(i + j)}`,
      gender: 'F' as const,
      birthDate: '1990-01-01',
      neighbourhood: 'Centro',
    }));
    pats.push(...(await db.insert(patients).values(rows).returning({ id: patients.id })).map((r) => r.id));
  }
  await db.insert(users).values({
    email: 'bench-admin@example.org',
    role: 'admin',
    displayName: 'Bench',
    passwordHash: await hashPassword(PASSWORD),
  });
  return { clinicId: clinic!.id, doctorIds: docs.map((d) => d.id), patientIds: pats };
}

/**
 * Every 30-minute slot of the next eight weeks (within the 90-day booking horizon), as ISO instants: with
 * two weeks, a 10 s phase filled most of them and the run measured refusals more than bookings.
 */
function candidateSlots(): string[] {
  const out: string[] = [];
  let day = DateTime.now().setZone('America/Sao_Paulo').startOf('day').plus({ days: 1 });
  for (let n = 0; n < 56; n++, day = day.plus({ days: 1 })) {
    if (day.weekday > 5) continue;
    for (let m = 8 * 60; m < 17 * 60; m += 30) out.push(day.plus({ minutes: m }).toISO()!);
  }
  return out;
}

/** The naive guard: lock the table, look for an overlap, insert if none. */
async function naivePhase(
  url: string,
  ids: { clinicId: string; doctorIds: string[]; patientIds: string[] },
  slots: string[],
) {
  const pool = new pg.Pool({ connectionString: url, max: CLIENTS });
  // pool.end() resolves before its sockets close; the database is then dropped WITH (FORCE), and the
  // server's "terminating connection" on a closing client must not crash the bench after it printed.
  pool.on('error', () => undefined);
  const began = performance.now();
  let booked = 0;
  const client = async () => {
    while (performance.now() - began < PHASE_MS) {
      const doctorId = ids.doctorIds[Math.floor(Math.random() * ids.doctorIds.length)]!;
      const start = new Date(slots[Math.floor(Math.random() * slots.length)]!);
      const end = new Date(start.getTime() + 1_800_000);
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        await c.query('LOCK TABLE naive_appointments IN EXCLUSIVE MODE');
        const clash = await c.query(
          'SELECT 1 FROM naive_appointments WHERE doctor_id = $1 AND starts_at < $3 AND ends_at > $2 LIMIT 1',
          [doctorId, start, end],
        );
        if (clash.rowCount === 0) {
          await c.query(
            'INSERT INTO naive_appointments (doctor_id, starts_at, ends_at) VALUES ($1, $2, $3)',
            [doctorId, start, end],
          );
          booked++;
        }
        await c.query('COMMIT');
      } finally {
        c.release();
      }
    }
  };
  await pool.query(
    'CREATE TABLE naive_appointments (doctor_id uuid, starts_at timestamptz, ends_at timestamptz)',
  );
  await Promise.all(Array.from({ length: CLIENTS }, client));
  await pool.end();
  return booked / ((performance.now() - began) / 1000);
}

const url = await createEmptyDatabase(SERVER);
const database = await openDatabase({
  kind: 'postgres',
  connectionString: url,
  poolSize: Number(process.env.BENCH_POOL ?? 20),
});
try {
  await migrate(database);
  const ids = await seed(database);
  const jobs = await startJobs(database, new JobRegistry(), {
    workers: false,
    logger: pino({ level: 'silent' }),
  });
  const app = await build({ config: CONFIG, database, jobs, metrics: createMetrics() });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: 'bench-admin@example.org', password: PASSWORD },
  });
  const headers = { authorization: `Bearer ${login.json<{ token: string }>().token}` };
  const slots = candidateSlots();
  const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!;
  const load = (requests: { method: string; path: string; body?: string }[], h: Record<string, string>) =>
    runHttpLoad({ port, clients: CLIENTS, durationMs: PHASE_MS, headers: h, requests });
  const health = await load([{ method: 'GET', path: '/health' }], {});
  const bookings = Array.from({ length: 50_000 }, () => ({
    method: 'POST',
    path: '/api/v1/appointments',
    body: JSON.stringify({
      doctorId: pick(ids.doctorIds),
      patientId: pick(ids.patientIds),
      startsAt: pick(slots),
    }),
  }));
  const booking = await load(bookings, headers);
  const [overlaps] = await queryRows<{ n: number }>(
    database.db,
    sql`select count(*)::int as n from appointments a join appointments b on a.id < b.id and a.status <> 'cancelled' and b.status <> 'cancelled' and (a.doctor_id = b.doctor_id or a.patient_id = b.patient_id) and tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)`,
  );
  await app.close();
  await jobs.stop();
  const naive = await naivePhase(url, ids, slots);
  const created = booking.byStatus['201'] ?? 0;
  const rate = (r: LoadResult, n = r.done) => (n / r.seconds).toFixed(0);
  const lat = (r: LoadResult) => `p50 ${r.latencyMs.p50.toFixed(1)} ms, p95 ${r.latencyMs.p95.toFixed(1)} ms`;
  console.log(
    `clients: ${String(CLIENTS)}, phase: ${String(PHASE_MS / 1000)} s, doctors: ${String(DOCTORS)}, slots offered: ${String(slots.length * DOCTORS)}`,
  );
  console.log(
    `POST /appointments: ${rate(booking)} requests/s, ${rate(booking, created)} bookings/s, ${lat(booking)}`,
  );
  console.log(`  statuses: ${JSON.stringify(booking.byStatus)}`);
  console.log(`double bookings found afterwards: ${String(overlaps!.n)}`);
  console.log(`baseline: GET /health ${rate(health)} requests/s, ${lat(health)}, same clients`);
  console.log(`baseline: naive lock-check-insert straight on PostgreSQL: ${naive.toFixed(0)} bookings/s`);
} finally {
  await database.close();
  await dropDatabase(url);
}
