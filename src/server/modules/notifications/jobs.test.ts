/** The dispatcher on pg-boss: the dispatch job pumps the outbox into the inbox, and stops when told. */
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/helpers/db.ts';
import { createCast, type Cast } from '../../../../test/helpers/fixtures.ts';
import { testNotificationSettings } from '../../../../test/helpers/notify.ts';
import type { Database } from '../../db/client.ts';
import { notificationInbox, outbox } from '../../db/schema/index.ts';
import { enqueue } from '../../events/outbox.ts';
import { JobRegistry, startJobs, type Jobs } from '../../jobs/index.ts';
import { createNotifyDeps } from './context.ts';
import { DISPATCH_JOB, registerNotificationJobs, type NotificationJobs } from './jobs.ts';

let database: Database;
let cast: Cast;
let jobs: Jobs;
let notifications: NotificationJobs;

beforeAll(async () => {
  database = await createTestDatabase();
  cast = await createCast(database.db);
  const registry = new JobRegistry();
  const deps = createNotifyDeps({ db: database.db, settings: testNotificationSettings() });
  notifications = registerNotificationJobs(registry, deps);
  jobs = await startJobs(database, registry, {
    workers: true,
    pollingIntervalSeconds: 0.5,
    logger: pino({ level: 'silent' }),
  });
});
afterAll(async () => {
  notifications.stop();
  await jobs.stop();
  await database.close();
});

async function eventually(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('notification jobs', () => {
  it('schedule the dispatcher and both scans every minute', async () => {
    const names = (await jobs.schedules()).map((s) => [s.name, s.cron, s.tz]);
    expect(names.sort()).toEqual([
      ['notifications.closed-days', '* * * * *', 'UTC'],
      ['notifications.dispatch', '* * * * *', 'UTC'],
      ['notifications.reminders', '* * * * *', 'UTC'],
    ]);
  });

  it('deliver outbox events while the dispatch job runs, including events written after it started', async () => {
    await jobs.send(DISPATCH_JOB, {});
    await enqueue(database.db, {
      topic: 'auth.account_locked',
      recipientUserId: cast.patientA.userId,
      payload: { lockedUntil: '2026-03-03T15:01:00Z', failedAttempts: 5 },
    });
    const inbox = () =>
      database.db.select().from(notificationInbox).where(eq(notificationInbox.userId, cast.patientA.userId));
    await eventually(async () => (await inbox()).length === 1);
    expect((await inbox())[0]!.title).toBe(
      'Your HealthSync account is locked until Tue, Mar 3, 2026, 03:01 PM UTC',
    );
    const [event] = await database.db.select().from(outbox);
    expect(event!.publishedAt).not.toBeNull();
  });
});
