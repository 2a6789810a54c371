import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/db.ts';
import { openDatabase, queryRows, type Database } from './client.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const backend = async () =>
  (await queryRows<{ pid: number }>(database.db, sql`select pg_backend_pid() as pid`))[0]!.pid;

describe('database connections', () => {
  it('survive an error the server reports (a refused booking must not cost a new connection)', async () => {
    const before = await backend();
    for (let i = 0; i < 3; i++) {
      await expect(database.db.execute(sql`select 1 / ${0}::int`)).rejects.toThrow();
    }
    expect(await backend()).toBe(before);
    const [row] = await queryRows<{ n: number }>(database.db, sql`select 2 + ${2}::int as n`);
    expect(row!.n).toBe(4);
  });

  it('are replaced after the server ends one (FATAL), and the next query still works', async () => {
    // Embedded PGlite has one in-process session and no backends to terminate: the server case only.
    if (database.kind !== 'postgres') return;
    const before = await backend();
    await expect(database.db.execute(sql`select pg_terminate_backend(pg_backend_pid())`)).rejects.toThrow();
    const after = await backend();
    expect(after).not.toBe(before);
  });

  it('fail the query, not the process, when the connection is cut mid-query', async () => {
    // The server case only: a TCP proxy in front of PostgreSQL whose sockets the test cuts.
    if (database.kind !== 'postgres') return;
    const target = new URL(database.connectionString!);
    const sockets: Socket[] = [];
    const proxy: Server = createServer((inbound) => {
      const outbound = connect(Number(target.port || 5432), target.hostname);
      sockets.push(inbound, outbound);
      inbound.pipe(outbound).pipe(inbound);
      inbound.on('error', () => undefined);
      outbound.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const via = new URL(target);
    via.host = `127.0.0.1:${String((proxy.address() as AddressInfo).port)}`;
    const proxied = await openDatabase({ kind: 'postgres', connectionString: via.toString(), poolSize: 1 });
    try {
      // Drizzle queries start when awaited: Promise.resolve starts this one now.
      const sleeping = Promise.resolve(proxied.db.execute(sql`select pg_sleep(5)`));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(sockets.length).toBe(2);
      for (const s of sockets) s.destroy();
      await expect(sleeping).rejects.toThrow();
      const [row] = await queryRows<{ n: number }>(proxied.db, sql`select 1 + ${1}::int as n`);
      expect(row!.n).toBe(2);
    } finally {
      await proxied.close();
      proxy.close();
    }
  });
});
