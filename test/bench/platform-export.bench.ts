/**
 * `npm run bench platform-export`: `pipeline run --source platform`'s extract step (the live platform database
 * written as the five Health Synth CSV files, decision 0014) on embedded PGlite and on PostgreSQL, in rows
 * per second. Seeded with bulk SQL (BENCH_EXPORT_PATIENTS patients, default 50,000; five appointments each
 * over the year before the run date, an encounter with one or two diagnoses and a billing line per completed
 * visit, SMS and e-mail reminders for about half the visits). Baseline in the same run: the floor — the same
 * tables' rows fetched by one plain SELECT each, unformatted and unwritten. Each export runs twice (best
 * printed) and must write the same bytes both times. BENCH_DATABASE_URL names the PostgreSQL server (a fresh
 * database, dropped afterwards); BENCH_EXPORT_SKIP=pglite|postgres leaves one out.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import { FILE_NAMES } from '../../src/pipeline/generate/columns.ts';
import { exportPlatform } from '../../src/pipeline/platform/export.ts';
import { openDatabase, queryRows, type Database, type Db } from '../../src/server/db/client.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { createEmptyDatabase, dropDatabase } from '../helpers/postgres.ts';

const PATIENTS = Number(process.env.BENCH_EXPORT_PATIENTS ?? 50_000);
const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SKIP = process.env.BENCH_EXPORT_SKIP ?? '';
const DATE = '2026-11-20';
const CLINICS = 20;
const DOCTORS = 200;
const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const rate = (rows: number, ms: number) => `${Math.round(rows / (ms / 1000)).toLocaleString('en')} rows/s`;

async function time(fn: () => Promise<unknown>): Promise<number> {
  const began = performance.now();
  await fn();
  return performance.now() - began;
}

/** A UUIDv7 as the platform makes them (time-ordered: `ms` since the epoch first), `salt` for the rest. */
const v7 = (ms: SQL, salt: SQL): SQL =>
  sql`(lpad(to_hex((${ms})::bigint), 12, '0') || '7' || substr(md5(${salt}), 1, 3) || '8'
    || substr(md5(${salt}), 4, 15))::uuid`;
const msOf = (at: SQL): SQL => sql`extract(epoch from ${at}) * 1000`;
const EPOCH = msOf(sql`timestamptz '2025-06-01'`);

/**
 * The platform as bulk INSERT … SELECT generate_series (the API would take minutes). Visits carry
 * `time_known = false`, as imported ones do, so the overlap constraints do not slow the seed down; the
 * export does not read that flag. Codes (`BC1`, `BD1`, `BP1`) tie the rows together while seeding; ids are
 * UUIDv7 of each row's creation time and rows are inserted in that order, as on the platform.
 */
async function seed(db: Db, patients: number): Promise<void> {
  const run = (statement: SQL) => db.execute(statement);
  await run(sql`insert into clinics (id, code, name, neighbourhood, address, latitude, longitude, timezone,
      capacity, emergency_phone, closed_on_weekends)
    select ${v7(sql`${EPOCH} + g`, sql`'c' || g`)}, 'BC' || g, 'Clinic ' || g, 'Bairro ' || (g % 10),
      'Rua ' || g || ', 100', -20.3 + g * 0.001, -40.3 - g * 0.001,
      (array['America/Sao_Paulo', 'America/Manaus', 'America/Recife', 'America/Noronha'])[1 + g % 4],
      100, '+55 27 3000-' || lpad(g::text, 4, '0'), g % 3 = 0
    from generate_series(1, ${CLINICS}) g`);
  await run(sql`insert into doctors (id, code, clinic_id, name, specialty, slot_minutes)
    select ${v7(sql`${EPOCH} + 1000 + g`, sql`'d' || g`)}, 'BD' || g, c.id, 'Doctor ' || g,
      (array['General Practice', 'Cardiology', 'Pediatrics', 'Dermatology'])[1 + g % 4], 20 + 10 * (g % 3)
    from generate_series(1, ${DOCTORS}) g join clinics c on c.code = 'BC' || (1 + g % ${CLINICS})`);
  await run(sql`insert into patients (id, code, name, gender, birth_date, neighbourhood, scholarship,
      hypertension, diabetes, alcoholism, handicap)
    select ${v7(sql`${EPOCH} + 10000 + g`, sql`'p' || g`)}, 'BP' || g, 'Patient ' || g,
      (array['F', 'M', 'X'])[1 + g % 3], date '1940-01-01' + (g * 37) % 29000, 'Bairro ' || (g % 40),
      g % 10 = 0, g % 5 = 0, g % 13 = 0, g % 31 = 0, (g % 50 = 0)::int
    from generate_series(1, ${patients}) g`);
  // Five visits per patient over the 14 months around the run date (some still ahead, some unsettled).
  await run(sql`insert into appointments (id, doctor_id, patient_id, clinic_id, starts_at, ends_at, time_known,
      status, booked_at)
    select ${v7(msOf(sql`s.booked`), sql`'a' || g`)}, d.id, p.id, d.clinic_id, s.at,
      s.at + interval '30 minutes', false,
      case when g % 20 < 14 then 'completed' when g % 20 < 17 then 'no_show'
        when g % 20 < 19 then 'cancelled' else 'booked' end,
      s.booked
    from generate_series(1, ${patients * 5}) g
    cross join lateral (select ${DATE}::timestamptz - interval '365 days' + (g * 7919 % 420) * interval '1 day'
      + (11 + g % 9) * interval '1 hour' + (g % 2) * interval '30 minutes' as at) t
    cross join lateral (select t.at, t.at - (1 + g % 30) * interval '1 day' as booked) s
    join patients p on p.code = 'BP' || (1 + g % ${patients})
    join doctors d on d.code = 'BD' || (1 + (g * 31) % ${DOCTORS})
    order by 1`);
  await run(sql`insert into encounters (id, patient_id, appointment_id, occurred_at, doctor_id)
    select ${v7(msOf(sql`starts_at`), sql`id::text`)}, patient_id, id, starts_at, doctor_id
    from appointments where status = 'completed' order by 1`);
  await run(sql`with codes as (select array_agg(code order by code) as c from
      (select code from icd10_codes order by code limit 300) s)
    insert into diagnoses (id, patient_id, encounter_id, occurred_at, code, text, doctor_id)
    select ${v7(sql`${msOf(sql`e.occurred_at`)} + n`, sql`e.id::text || n`)}, e.patient_id, e.id,
      e.occurred_at, codes.c[1 + (abs(hashtext(e.id::text)) + n) % 300], 'Finding', e.doctor_id
    from encounters e cross join codes
    cross join lateral generate_series(1, 1 + abs(hashtext(e.id::text)) % 2) n order by 1`);
  await run(sql`insert into billing_lines (id, patient_id, encounter_id, occurred_at, description, amount,
      currency, doctor_id)
    select ${v7(sql`${msOf(sql`occurred_at`)} + 5`, sql`'b' || id`)}, patient_id, id, occurred_at,
      'Consultation', 50 + abs(hashtext(id::text)) % 200, 'BRL', doctor_id
    from encounters order by 1`);
  // An SMS and an e-mail reminder delivered the day before, for about half the visits.
  await run(sql`insert into notification_deliveries (id, dedupe_key, message, category, channel, patient_id,
      clinic_id, appointment_id, address, locale, data, status, next_attempt_at, expires_at, sent_at)
    select ${v7(msOf(sql`a.starts_at - interval '1 day'`), sql`ch || a.id`)}, 'bench:' || a.id || ':' || ch,
      'appointment.reminder', 'reminders', ch, a.patient_id, a.clinic_id, a.id, 'address', 'pt-BR',
      '{}'::jsonb, 'sent', a.starts_at - interval '1 day', a.starts_at, a.starts_at - interval '1 day'
    from appointments a cross join unnest(array['sms', 'email']) ch
    where abs(hashtext(a.id::text)) % 2 = 0 order by 1`);
  for (const table of TABLES) await run(sql`analyze ${sql.identifier(table)}`);
}

const TABLES = [
  'clinics',
  'doctors',
  'patients',
  'appointments',
  'encounters',
  'diagnoses',
  'billing_lines',
  'notification_deliveries',
];

/** The floor: each entity's rows in one plain SELECT, no formatting, no file. */
async function floor(db: Db): Promise<number> {
  let rows = 0;
  for (const statement of [
    sql`select * from clinics`,
    sql`select * from doctors`,
    sql`select id, gender, birth_date, neighbourhood, scholarship, hypertension, diabetes, alcoholism,
      handicap from patients`,
    sql`select id, patient_id, doctor_id, clinic_id, status, booked_at, starts_at, ends_at from appointments
      where starts_at < ${DATE}::timestamptz and status in ('completed', 'no_show', 'cancelled')`,
    sql`select dx.id, dx.patient_id, dx.doctor_id, dx.encounter_id, dx.code, dx.occurred_at from diagnoses dx`,
  ])
    rows += (await queryRows(db, statement)).length;
  return rows;
}

const digest = (dir: string) => {
  const hash = createHash('sha256');
  for (const name of FILE_NAMES) hash.update(readFileSync(join(dir, `${name}.csv`)));
  return hash.digest('hex');
};

async function measure(label: string, database: Database): Promise<void> {
  const seedMs = await time(() => seed(database.db, PATIENTS));
  console.log(`\n${label}: seeded in ${fmt(seedMs)}`);
  let floorRows = 0;
  const floorMs = await time(async () => (floorRows = await floor(database.db)));
  const dir = mkdtempSync(join(tmpdir(), 'healthsync-bench-export-'));
  try {
    const runs: number[] = [];
    const digests: string[] = [];
    let files: Awaited<ReturnType<typeof exportPlatform>>['files'] = [];
    for (let i = 0; i < 2; i++) {
      const out = join(dir, String(i));
      runs.push(await time(async () => ({ files } = await exportPlatform(database.db, DATE, out))));
      digests.push(digest(out));
    }
    if (digests[0] !== digests[1]) throw new Error('two exports of one database wrote different bytes');
    const rows = files.reduce((n, f) => n + f.rows, 0);
    const best = Math.min(...runs);
    console.log(`  rows: ${files.map((f) => `${f.name} ${f.rows.toLocaleString('en')}`).join(', ')}`);
    console.log(
      `  export      ${fmt(best).padStart(9)}  ${rate(rows, best).padStart(16)}  (runs: ${runs.map(fmt).join(', ')}; same bytes)`,
    );
    console.log(
      `  floor       ${fmt(floorMs).padStart(9)}  ${rate(floorRows, floorMs).padStart(16)}  (plain SELECT of the same tables, no formatting)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`Platform export for ${DATE}, ${PATIENTS.toLocaleString('en')} patients`);
if (SKIP !== 'pglite') {
  const database = await openDatabase({ kind: 'pglite' });
  try {
    await migrate(database);
    await measure('PGlite (embedded)', database);
  } finally {
    await database.close();
  }
}
if (SKIP !== 'postgres') {
  const url = await createEmptyDatabase(SERVER);
  const database = await openDatabase({ kind: 'postgres', connectionString: url, poolSize: 2 });
  try {
    await migrate(database);
    await measure('PostgreSQL', database);
  } finally {
    await database.close();
    await dropDatabase(url);
  }
}
