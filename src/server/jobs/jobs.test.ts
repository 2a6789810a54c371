import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/db.ts';
import type { Database } from '../db/client.ts';
import { JobRegistry, startJobs, type Jobs } from './index.ts';

let database: Database;
let jobs: Jobs;
const handled: { n: number }[] = [];
let attempts = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  const registry = new JobRegistry();
  registry.add<{ n: number }>({
    name: 'test.echo',
    handler: async (batch) => {
      handled.push(...batch.map((j) => j.data));
    },
  });
  registry.add({
    name: 'test.flaky',
    queue: { retryLimit: 3, retryDelay: 0 },
    handler: async () => {
      attempts++;
      if (attempts < 2) throw new Error('transient failure');
    },
  });
  registry.add({
    name: 'test.nightly',
    schedule: { cron: '5 10 * * 1-5', tz: 'America/Sao_Paulo' },
    handler: async () => {},
  });
  jobs = await startJobs(database, registry, {
    workers: true,
    pollingIntervalSeconds: 0.5,
    logger: pino({ level: 'silent' }),
  });
});
afterAll(async () => {
  await (jobs as Jobs | undefined)?.stop();
  await database.close();
});

async function eventually(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('job registry on pg-boss', () => {
  it('delivers sent jobs to their registered handler', async () => {
    await jobs.send('test.echo', { n: 1 });
    await jobs.send('test.echo', { n: 2 });
    await eventually(() => handled.length === 2);
    expect(handled.map((d) => d.n).sort()).toEqual([1, 2]);
  });

  it('retries a failing job until it succeeds', async () => {
    await jobs.send('test.flaky', {});
    await eventually(() => attempts >= 2);
    expect(attempts).toBe(2);
  });

  it('stores cron schedules with their time zone', async () => {
    expect(await jobs.schedules()).toContainEqual({
      name: 'test.nightly',
      cron: '5 10 * * 1-5',
      tz: 'America/Sao_Paulo',
    });
  });

  it('answers the readiness ping', async () => {
    expect(await jobs.ping()).toBe(true);
  });

  it('refuses a job name registered twice', () => {
    const registry = new JobRegistry();
    registry.add({ name: 'x.y', handler: async () => {} });
    expect(() => registry.add({ name: 'x.y', handler: async () => {} })).toThrow(/registered twice/);
  });
});
