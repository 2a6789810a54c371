/**
 * The weekend notice on a fake clock: which days send it and what it says (pure), and through the real
 * outbox and fan-out on a real database: the staff channels get it once per day however often the job ticks.
 */
import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/helpers/db.ts';
import { testNotificationSettings } from '../../../../test/helpers/notify.ts';
import { loadConfig } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import { notificationDeliveries, outbox } from '../../db/schema/index.ts';
import { JobRegistry } from '../../jobs/index.ts';
import { fanOutBatch } from '../notifications/fanout.ts';
import { FakeClock, notifyDepsFor } from '../notifications/test-support.ts';
import { registerWeekendNotice, WEEKEND_NOTICE_JOB, weekendNotice } from './weekend.ts';

const ZONE = 'America/Sao_Paulo';

describe('weekendNotice', () => {
  it('speaks on Saturday and Sunday in the pipeline zone, naming the next Monday', () => {
    // Saturday 2026-11-21 10:05 in São Paulo (UTC−3).
    expect(weekendNotice(new Date('2026-11-21T13:05:00Z'), ZONE)).toEqual({
      date: '2026-11-21',
      nextRun: '2026-11-23',
      title: 'No pipeline run today (2026-11-21)',
      summary: 'No pipeline run today, next run Monday 2026-11-23.',
      dedupeKey: 'pipeline.weekend:2026-11-21',
    });
    expect(weekendNotice(new Date('2026-11-22T13:05:00Z'), ZONE)?.summary).toBe(
      'No pipeline run today, next run Monday 2026-11-23.',
    );
    // Across a month end, and the local day decides: 02:00 UTC on Monday is still Sunday in São Paulo.
    expect(weekendNotice(new Date('2026-05-31T13:05:00Z'), ZONE)?.nextRun).toBe('2026-06-01');
    expect(weekendNotice(new Date('2026-11-23T02:00:00Z'), ZONE)?.date).toBe('2026-11-22');
  });

  it('is silent on weekdays', () => {
    for (const day of ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'])
      expect(weekendNotice(new Date(`${day}T13:05:00Z`), ZONE), day).toBeUndefined();
  });
});

describe('configuration', () => {
  it('schedules weekends at 10:05 by default, takes a cron, and can be turned off', () => {
    const base = { DATA_DIR: '/tmp/hs-weekend-config' };
    expect(loadConfig(base).pipeline).toMatchObject({ weekendNotice: true, weekendCron: '5 10 * * 0,6' });
    const custom = loadConfig({
      ...base,
      PIPELINE_WEEKEND_CRON: '0 9 * * 6',
      PIPELINE_WEEKEND_NOTICE: 'false',
    });
    expect(custom.pipeline).toMatchObject({ weekendNotice: false, weekendCron: '0 9 * * 6' });
    expect(() => loadConfig({ ...base, PIPELINE_WEEKEND_CRON: 'weekends' })).toThrow(/PIPELINE_WEEKEND_CRON/);
    const schedule = (weekendNotice: boolean, pipelineSchedule = true) => {
      const registry = new JobRegistry();
      registerWeekendNotice(registry, {
        db: undefined as never,
        pipeline: { schedule: pipelineSchedule, timezone: ZONE, weekendNotice, weekendCron: '5 10 * * 0,6' },
      });
      return registry.list().find((d) => d.name === WEEKEND_NOTICE_JOB)?.schedule;
    };
    expect(schedule(true)).toEqual({ cron: '5 10 * * 0,6', tz: ZONE });
    expect(schedule(false)).toBeUndefined();
    // No pipeline schedule (PIPELINE_SCHEDULE=false): no "next run Monday" to announce.
    expect(schedule(true, false)).toBeUndefined();
  });
});

describe('the weekend job', () => {
  let database: Database;
  const clock = new FakeClock('2026-11-21T13:05:00Z');
  let handler: () => Promise<unknown>;

  beforeAll(async () => {
    database = await createTestDatabase();
    const registry = new JobRegistry();
    registerWeekendNotice(registry, {
      db: database.db,
      pipeline: { schedule: true, timezone: ZONE, weekendNotice: true, weekendCron: '5 10 * * 0,6' },
      now: () => new Date(clock.now()),
    });
    const def = registry.list().find((d) => d.name === WEEKEND_NOTICE_JOB)!;
    handler = () => def.handler([]);
  });
  afterAll(async () => {
    await database.close();
  });

  it('reaches the staff channels once per day, through the outbox the pipeline report uses', async () => {
    // Channels configured (nothing is sent here: the test stops at the deliveries the fan-out plans).
    const settings = testNotificationSettings({
      smtp: { host: '127.0.0.1', port: 9, secure: false, from: 'HealthSync <no-reply@example.org>' },
      telegram: { apiUrl: 'http://127.0.0.1:9', token: '123456:TEST' },
      slack: { ops: 'http://127.0.0.1:9/slack/ops' },
      ops: { email: 'ops@example.org', telegramChatId: '-100200' },
    });
    const deps = notifyDepsFor(database.db, settings, clock);
    try {
      await handler();
      await handler(); // a doubled tick on the same day
      clock.set('2026-11-23T13:05:00Z'); // Monday: nothing
      await handler();
      while ((await fanOutBatch(deps)) > 0);
      const events = await database.db.select().from(outbox).where(eq(outbox.topic, 'pipeline.report'));
      expect(events).toHaveLength(2);
      expect(events[0]!.payload).toMatchObject({
        summary: 'No pipeline run today, next run Monday 2026-11-23.',
      });
      const deliveries = await database.db
        .select()
        .from(notificationDeliveries)
        .where(like(notificationDeliveries.dedupeKey, 'pipeline.weekend:%'));
      expect(deliveries.map((d) => d.channel).sort()).toEqual(['email', 'slack', 'telegram']);
      expect(new Set(deliveries.map((d) => d.dedupeKey.split(':')[1]))).toEqual(new Set(['2026-11-21']));
    } finally {
      await deps.close();
    }
  });
});
