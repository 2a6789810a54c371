/**
 * Crash test: a dispatcher process is SIGKILLed in the middle of a batch of 1,000 deliveries and a new one
 * started. Every message reaches the SMS gateway, and none is delivered twice: deliveries the dead process
 * had claimed are sent again after their lease, under the same idempotency key, which the gateway
 * acknowledges without delivering again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloneDatabase, dropDatabase } from '../../../../test/helpers/postgres.ts';
import { startHttpPeer, type HttpPeer } from '../../../../test/helpers/peers.ts';
import { openDatabase, type Database } from '../../db/client.ts';
import { notificationDeliveries } from '../../db/schema/index.ts';
import { insertDeliveries } from './repo.ts';

const N = 1000;
const CHILD = join(import.meta.dirname, '../../../../test/helpers/dispatcher-child.ts');
let peer: HttpPeer;
let target: { env: Record<string, string>; open: () => Promise<Database>; drop: () => Promise<void> };

/** The database the child processes share: a data dir on disk (embedded) or a PostgreSQL clone. */
async function prepareTarget(): Promise<typeof target> {
  const template = inject('dbTemplate');
  if (template.kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'healthsync-crash-'));
    const blob = new Blob([readFileSync(template.dumpPath)]);
    const first = await openDatabase({ kind: 'pglite', dataDir: dir, loadDataDir: blob });
    await first.close();
    return {
      env: { CHILD_DATA_DIR: dir },
      open: () => openDatabase({ kind: 'pglite', dataDir: dir }),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const url = await cloneDatabase(template.url);
  return {
    env: { CHILD_DATABASE_URL: url },
    open: () => openDatabase({ kind: 'postgres', connectionString: url, poolSize: 2 }),
    drop: () => dropDatabase(url),
  };
}

async function withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const database = await target.open();
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

const statuses = () =>
  withDatabase(async (d) => {
    const rows = await d.db.select({ status: notificationDeliveries.status }).from(notificationDeliveries);
    const counts: Record<string, number> = {};
    for (const r of rows) counts[r.status] = (counts[r.status] ?? 0) + 1;
    return counts;
  });

function startChild(): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [CHILD], {
    env: { ...process.env, ...target.env, SMS_GATEWAY_URL: peer.url },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return { child, exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))) };
}

async function until(check: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

beforeAll(async () => {
  peer = await startHttpPeer();
  // A gateway that takes a few milliseconds per message, so the kill lands mid-batch.
  peer.script = () => ({ status: 201, body: { sid: 'SM1', status: 'queued' }, delayMs: 15 });
  target = await prepareTarget();
  await withDatabase((d) =>
    insertDeliveries(
      d.db,
      Array.from({ length: N }, (_, i) => ({
        dedupeKey: `crash:${String(i)}`,
        message: 'alert.community',
        category: 'alerts',
        channel: 'sms' as const,
        address: `+1555${String(i).padStart(7, '0')}`,
        locale: 'en',
        data: { neighbourhood: 'Centro', condition: 'Flu', level: 'C1', summary: `message ${String(i)}` },
        nextAttemptAt: new Date(),
      })),
    ),
  );
}, 120_000);
afterAll(async () => {
  await peer.close();
  await target.drop();
});

describe('a dispatcher killed mid-batch', () => {
  it('delivers every message after a restart, and no dedupe key twice', async () => {
    const first = startChild();
    // Killed while a batch is at the gateway: its deliveries are claimed and not yet recorded.
    await until(
      () => peer.delivered.size >= 300 && peer.inFlight > 0,
      '300 deliveries and a batch in flight',
    );
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe(null);
    const atKill = peer.delivered.size;
    const mid = await statuses();
    // Killed mid-batch: some sent, some claimed (in flight) and not recorded, some never touched.
    expect(atKill).toBeLessThan(N);
    expect(mid.sending ?? 0).toBeGreaterThan(0);

    const second = startChild();
    expect(await second.exited).toBe(0);
    expect(await statuses()).toEqual({ sent: N });
    expect(peer.delivered.size).toBe(N);
    const bodies = [...peer.delivered.values()].map((r) => String(r.fields.Body));
    expect(new Set(bodies).size).toBe(N);
    const perKey = new Map<string, number>();
    for (const r of peer.received) {
      const key = String(r.headers['idempotency-key']);
      perKey.set(key, (perKey.get(key) ?? 0) + 1);
    }
    // Every re-sent message was one the killed process had in flight, acknowledged as a replay.
    expect(peer.received.length - N).toBe(peer.replays);
    expect(Math.max(...perKey.values())).toBeLessThanOrEqual(2);
    console.log(
      `crash test: killed after ${String(atKill)} of ${String(N)} delivered (${String(mid.sending)} claimed in flight); ` +
        `${String(peer.replays)} re-sent under their idempotency key after the restart, 0 delivered twice`,
    );
  }, 120_000);
});
