/**
 * 100,000 appointment reminders created by the reminder scan and delivered by SMS to a local
 * Twilio-compatible gateway (in a worker thread), on PostgreSQL; throughput printed, the queue drained to
 * zero. Baseline in the same run: the same dispatcher sending one delivery at a time (claim one, send,
 * record), over a sample. Uses the PostgreSQL at BENCH_DATABASE_URL's server (default
 * postgres://postgres@127.0.0.1:5432/postgres), in a fresh database dropped afterwards. Loopback only.
 */
import { Worker } from 'node:worker_threads';
import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { openDatabase, type Database } from '../../src/server/db/client.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { createNotifyDeps, pump, scanReminders } from '../../src/server/modules/notifications/index.ts';
import { insertDeliveries, openCount } from '../../src/server/modules/notifications/repo.ts';
import { createEmptyDatabase, dropDatabase } from '../helpers/postgres.ts';
import { testNotificationSettings } from '../helpers/notify.ts';

const N = Number(process.env.BENCH_REMINDERS ?? 100_000);
const DOCTORS = 1000;
const SLOTS = Math.ceil(N / DOCTORS);
const BASELINE = 2000;
const LANES = 4;
const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function startGateway(): Promise<{
  url: string;
  count(): Promise<{ requests: number; distinct: number }>;
  close(): void;
}> {
  const worker = new Worker(new URL('./lib/sms-peer-worker.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', ({ port }: { port: number }) =>
      resolve({
        url: `http://127.0.0.1:${String(port)}`,
        count: () =>
          new Promise((res) => {
            worker.once('message', res);
            worker.postMessage('count');
          }),
        close: () => worker.postMessage('close'),
      }),
    );
  });
}

/** One clinic, 1,000 doctors with slots every 10 minutes starting in two hours, one patient per visit. */
async function seed(database: Database): Promise<void> {
  const db = database.db;
  const clinicId = uuidv7();
  const base = new Date(Date.now() + 2 * 3_600_000).toISOString();
  const longAgo = new Date(Date.now() - 7 * 86_400_000).toISOString();
  await db.execute(sql`insert into clinics (id, name, neighbourhood, timezone, emergency_phone)
    values (${clinicId}, 'Bench Clinic', 'Centro', 'America/Sao_Paulo', '+55 27 3000-0000')`);
  await db.execute(sql`insert into doctors (id, clinic_id, name, specialty)
    select gen_random_uuid(), ${clinicId}, 'Dr ' || g, 'General Practice' from generate_series(1, ${DOCTORS}) g`);
  // Explicit codes: the default code pattern has four digits.
  await db.execute(sql`insert into patients (id, code, name, gender, birth_date, neighbourhood, phone)
    select gen_random_uuid(), 'PB' || g, 'Patient ' || g, 'F', '1980-01-01', 'Centro', '+5527' || lpad(g::text, 9, '0')
    from generate_series(1, ${N}) g`);
  await db.execute(sql`insert into appointments (id, doctor_id, patient_id, clinic_id, starts_at, ends_at, booked_at, updated_at)
    select gen_random_uuid(), d.id, p.id, ${clinicId},
           ${base}::timestamptz + s * interval '10 minutes', ${base}::timestamptz + (s + 1) * interval '10 minutes',
           ${longAgo}::timestamptz, ${longAgo}::timestamptz
    from (select id, row_number() over (order by id) - 1 as rn from doctors) d
    cross join generate_series(0, ${SLOTS - 1}) s
    join (select id, row_number() over (order by id) - 1 as rn from patients) p on p.rn = d.rn * ${SLOTS} + s`);
  await db.execute(sql`analyze`);
}

const url = await createEmptyDatabase(SERVER);
const database = await openDatabase({ kind: 'postgres', connectionString: url, poolSize: 12 });
const gateway = await startGateway();
try {
  await migrate(database);
  await seed(database);
  const sms = { gatewayUrl: gateway.url, accountSid: 'AC0123', authToken: 'bench', from: '+15550001111' };
  const settings = testNotificationSettings({
    sms,
    batchSize: 500,
    concurrency: 64,
    sendTimeoutMs: 10_000,
    leaseMs: 60_000,
  });
  const deps = createNotifyDeps({ db: database.db, settings });

  let began = performance.now();
  const scan = await scanReminders(deps);
  const scanSeconds = (performance.now() - began) / 1000;

  began = performance.now();
  while ((await openCount(database.db)) > 0) {
    await Promise.all(Array.from({ length: LANES }, () => pump(deps, { budgetMs: 60_000, untilIdle: true })));
  }
  const sendSeconds = (performance.now() - began) / 1000;
  const left = await openCount(database.db);
  const peer = await gateway.count();

  // Baseline: the same dispatcher, one delivery at a time.
  const one = createNotifyDeps({ db: database.db, settings: { ...settings, batchSize: 1, concurrency: 1 } });
  await insertDeliveries(
    database.db,
    Array.from({ length: BASELINE }, (_, i) => ({
      dedupeKey: `baseline:${String(i)}`,
      message: 'alert.community',
      category: 'alerts',
      channel: 'sms' as const,
      address: `+1555${String(i).padStart(7, '0')}`,
      locale: 'en',
      data: { neighbourhood: 'Centro', condition: 'Flu', level: 'C1', summary: 'bench' },
      nextAttemptAt: new Date(),
    })),
  );
  began = performance.now();
  await pump(one, { budgetMs: 600_000, untilIdle: true });
  const baselineSeconds = (performance.now() - began) / 1000;

  console.log(
    `reminders: ${String(N)} booked appointments in the next day, 1 SMS each (patients without accounts)`,
  );
  console.log(
    `reminder scan: ${String(scan.created)} deliveries created in ${scanSeconds.toFixed(1)} s (${(scan.created / scanSeconds).toFixed(0)}/s)`,
  );
  console.log(
    `delivery: ${String(scan.created)} SMS in ${sendSeconds.toFixed(1)} s = ${(scan.created / sendSeconds).toFixed(0)} deliveries/s ` +
      `(batches of ${String(settings.batchSize)}, ${String(settings.concurrency)} in flight, ${String(LANES)} lanes)`,
  );
  console.log(
    `gateway received ${String(peer.requests)} requests, ${String(peer.distinct)} distinct messages; queue left: ${String(left)}`,
  );
  console.log(
    `baseline: one at a time (claim 1, send, record): ${(BASELINE / baselineSeconds).toFixed(0)} deliveries/s over ${String(BASELINE)}`,
  );
  await deps.close();
  await one.close();
  if (left !== 0 || peer.distinct !== scan.created || scan.created !== N) {
    throw new Error('the queue did not drain, or the gateway did not get every reminder exactly once');
  }
} finally {
  gateway.close();
  await database.close();
  await dropDatabase(url);
}
