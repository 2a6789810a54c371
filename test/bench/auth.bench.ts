/**
 * The cost of passwords at the chosen argon2id parameters (src/server/modules/auth/passwords.ts): hash and
 * verify time (median, p95), and sign-in throughput over HTTP against a real server on 127.0.0.1 (embedded
 * database, the server in this process). Baselines measured in the same run, so figures on a shared machine
 * can be read: the raw argon2 verify rate with 1 and 2 verifies in flight (one core, two cores) and GET
 * /health throughput with the same client.
 *
 * Sign-in is rate-limited to 30/min per IP and 10/min per account, and the per-IP limit is not
 * configurable: the client spreads requests over many users and over many loopback source addresses
 * (127.0.0.2…), as real users come from many addresses, so that no limit is reached. Any 429 is reported.
 */
import { request as httpRequest, Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { build } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { openDatabase } from '../../src/server/db/client.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { users } from '../../src/server/db/schema/index.ts';
import { createMetrics } from '../../src/server/http/metrics.ts';
import { JobRegistry, startJobs } from '../../src/server/jobs/index.ts';
import { hashPassword, verifyPassword } from '../../src/server/modules/auth/index.ts';

const RUNS = 50;
const USERS = 64;
const SOURCE_IPS = 24;
const LOGINS = 360;
const HEALTH_REQUESTS = 3000;
const IN_FLIGHT = 8;
const TIME_LIMIT_MS = 30_000;
const PASSWORD = 'harbor-violet-bench-lantern-0417';

/** The production defaults, quiet, with a fixed secret (so no data dir is touched). */
const CONFIG = loadConfig({
  LOG_LEVEL: 'silent',
  PUBLIC_URL: 'http://127.0.0.1',
  SESSION_SECRET: 'bench-secret-that-is-long-enough-for-hmac-0123456789',
});

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}
const ms = (v: number) => `${v.toFixed(1)} ms`;
const summary = (xs: number[]) => `median ${ms(percentile(xs, 50))}, p95 ${ms(percentile(xs, 95))}`;

async function timed<T>(run: () => Promise<T>): Promise<[number, T]> {
  const began = performance.now();
  const result = await run();
  return [performance.now() - began, result];
}

async function hashAndVerifyTimes(): Promise<{ hashes: number[]; verifies: number[]; encoded: string }> {
  const hashes: number[] = [];
  const verifies: number[] = [];
  let encoded = '';
  for (let i = 0; i < RUNS; i++) {
    const [h, value] = await timed(() => hashPassword(`${PASSWORD}-${String(i)}`));
    const [v, ok] = await timed(() => verifyPassword(value, `${PASSWORD}-${String(i)}`));
    if (!ok) throw new Error('verify failed');
    hashes.push(h);
    verifies.push(v);
    encoded = value;
  }
  return { hashes, verifies, encoded };
}

/** Verifies per second with `concurrency` verifies in flight. */
async function verifyRate(encoded: string, concurrency: number, count: number): Promise<number> {
  let next = 0;
  const worker = async () => {
    while (next++ < count) await verifyPassword(encoded, 'not-the-password');
  };
  const [elapsed] = await timed(() => Promise.all(Array.from({ length: concurrency }, worker)));
  return (count / elapsed) * 1000;
}

interface Call {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  localAddress?: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });

function send(port: number, call: Call): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers = call.body ? { 'content-type': 'application/json' } : {};
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: call.method,
        path: call.path,
        headers,
        agent,
        localAddress: call.localAddress,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(call.body);
  });
}

interface LoadResult {
  perSecond: number;
  latencies: number[];
  statuses: Map<number, number>;
}

/** `count` calls (or as many as fit in the time limit), IN_FLIGHT at a time; rate counts 2xx answers. */
async function load(port: number, count: number, callFor: (k: number) => Call): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const deadline = performance.now() + TIME_LIMIT_MS;
  let next = 0;
  const worker = async () => {
    while (next < count && performance.now() < deadline) {
      const [elapsed, status] = await timed(() => send(port, callFor(next++)));
      latencies.push(elapsed);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  };
  const [elapsed] = await timed(() => Promise.all(Array.from({ length: IN_FLIGHT }, worker)));
  const ok = [...statuses].filter(([s]) => s >= 200 && s < 300).reduce((n, [, c]) => n + c, 0);
  return { perSecond: (ok / elapsed) * 1000, latencies, statuses };
}

async function startServer() {
  const database = await openDatabase({ kind: 'pglite' });
  await migrate(database);
  const jobs = await startJobs(database, new JobRegistry(), {
    workers: false,
    logger: pino({ level: 'silent' }),
  });
  const app = await build({ config: CONFIG, database, jobs, metrics: createMetrics() });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const close = async () => {
    await app.close();
    await jobs.stop();
    await database.close();
  };
  return { port: (app.server.address() as AddressInfo).port, database, close };
}

const emailOf = (i: number) => `bench.user${String(i)}@example.org`;

const loginCall = (k: number): Call => ({
  method: 'POST',
  path: '/api/v1/auth/login',
  body: JSON.stringify({ email: emailOf(k % USERS), password: PASSWORD }),
  localAddress: `127.0.0.${String(2 + (k % SOURCE_IPS))}`,
});

const describeLoad = (r: LoadResult) =>
  `${r.perSecond.toFixed(1)}/s (${summary(r.latencies)}; statuses ${JSON.stringify(Object.fromEntries(r.statuses))})`;

const times = await hashAndVerifyTimes();
const params = /\$argon2id\$v=\d+\$([^$]+)\$/.exec(times.encoded)?.[1] ?? '?';
const oneCore = await verifyRate(times.encoded, 1, 60);
const twoCores = await verifyRate(times.encoded, 2, 120);
const server = await startServer();
try {
  const passwordHash = await hashPassword(PASSWORD);
  const rows = Array.from({ length: USERS }, (_, i) => ({
    email: emailOf(i),
    role: 'patient' as const,
    displayName: `Bench User ${String(i)}`,
    passwordHash,
  }));
  await server.database.db.insert(users).values(rows);
  const health = await load(server.port, HEALTH_REQUESTS, () => ({ method: 'GET', path: '/health' }));
  const logins = await load(server.port, LOGINS, loginCall);
  console.log(`argon2id parameters (${String(RUNS)} runs each):      ${params}`);
  console.log(`hash time:                                  ${summary(times.hashes)}`);
  console.log(`verify time:                                ${summary(times.verifies)}`);
  console.log(`login throughput over HTTP, ${String(IN_FLIGHT)} in flight:  ${describeLoad(logins)}`);
  console.log(`baseline: argon2 verify rate, 1 in flight:  ${oneCore.toFixed(1)}/s`);
  console.log(`baseline: argon2 verify rate, 2 in flight:  ${twoCores.toFixed(1)}/s`);
  console.log(`baseline: GET /health, ${String(IN_FLIGHT)} in flight:       ${describeLoad(health)}`);
  const share = (100 * logins.perSecond) / twoCores;
  console.log(`login throughput / raw verify rate (2 in flight): ${share.toFixed(0)}%`);
  if (logins.statuses.has(429))
    console.log('warning: some sign-ins were rate-limited (429): the figure is low');
} finally {
  agent.destroy();
  await server.close();
}
