/** The HTTP side: inbox, preferences, unsubscribe links, the admin delivery log, clinic channels, metrics. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createCast, signIn, type Cast, type SignedIn } from '../../../../test/helpers/fixtures.ts';
import { testNotificationSettings } from '../../../../test/helpers/notify.ts';
import { notificationDeliveries } from '../../db/schema/index.ts';
import { enqueue } from '../../events/outbox.ts';
import type { NotifyDeps } from './context.ts';
import { insertDeliveries } from './repo.ts';
import { drain, FakeClock, notifyDepsFor } from './test-support.ts';
import { unsubscribeToken } from './tokens.ts';

let t: TestApp;
let cast: Cast;
let deps: NotifyDeps & { close(): Promise<void> };
const as: Partial<Record<'patientA' | 'patientB' | 'admin', SignedIn>> = {};
const SECRET = testNotificationSettings().secret;

beforeAll(async () => {
  t = await createTestApp();
  cast = await createCast(t.database.db);
  for (const who of ['patientA', 'patientB', 'admin'] as const) as[who] = await signIn(t.app, cast[who]);
  // In-app only (no other channel configured), on the real clock: the routes use it too.
  deps = notifyDepsFor(t.database.db, testNotificationSettings(), new FakeClock(Date.now()));
  for (const code of ['111111', '222222']) {
    await enqueue(t.database.db, {
      topic: 'consent.code_issued',
      recipientUserId: cast.patientA.userId,
      payload: {
        challengeId: code,
        code,
        doctorId: cast.doctorA.id,
        expiresAt: new Date(Date.now() + 600_000).toISOString(),
      },
    });
    await drain(deps);
  }
});
afterAll(async () => {
  await deps.close();
  await t.close();
});

const get = (url: string, who: keyof typeof as) => t.app.inject({ url, headers: as[who]!.headers });
const post = (url: string, who: keyof typeof as, payload?: object) =>
  t.app.inject({ method: 'POST', url, headers: as[who]!.headers, ...(payload ? { payload } : {}) });

describe('the in-app inbox', () => {
  it('lists my messages newest first with an unread count, and marks them read', async () => {
    const list = (await get('/api/v1/me/notifications', 'patientA')).json<{
      items: { id: string; body: string; readAt: string | null }[];
    }>();
    expect(list.items.map((i) => /\d{6}/.exec(i.body)?.[0])).toEqual(['222222', '111111']);
    expect((await get('/api/v1/me/notifications/unread-count', 'patientA')).json()).toEqual({ unread: 2 });
    const read = await post(`/api/v1/me/notifications/${list.items[1]!.id}/read`, 'patientA');
    expect(read.json<{ readAt: string }>().readAt).toBeTruthy();
    expect((await get('/api/v1/me/notifications/unread-count', 'patientA')).json()).toEqual({ unread: 1 });
    const unread = (await get('/api/v1/me/notifications?unread=true', 'patientA')).json<{
      items: unknown[];
    }>();
    expect(unread.items).toHaveLength(1);
    expect((await post('/api/v1/me/notifications/read-all', 'patientA')).json()).toEqual({ marked: 1 });
    expect((await get('/api/v1/me/notifications/unread-count', 'patientA')).json()).toEqual({ unread: 0 });
  });

  it("hides someone else's message: 404, and it stays unread for its owner", async () => {
    const [mine] = (await get('/api/v1/me/notifications', 'patientA')).json<{ items: { id: string }[] }>()
      .items;
    const res = await post(`/api/v1/me/notifications/${mine!.id}/read`, 'patientB');
    expect([res.statusCode, res.json<{ code: string }>().code]).toEqual([404, 'notification.not_found']);
    expect((await get('/api/v1/me/notifications', 'patientB')).json()).toEqual({
      items: [],
      nextCursor: null,
    });
  });
});

describe('preferences', () => {
  it('start from the category defaults, with in-app and essential email locked on', async () => {
    const prefs = (await get('/api/v1/me/notification-preferences', 'patientB')).json<{
      categories: { category: string; channels: { channel: string; enabled: boolean; locked: boolean }[] }[];
    }>();
    const consent = prefs.categories.find((c) => c.category === 'consent')!;
    expect(consent.channels).toEqual([
      { channel: 'in_app', enabled: true, locked: true },
      { channel: 'email', enabled: true, locked: true },
      { channel: 'telegram', enabled: true, locked: false },
      { channel: 'sms', enabled: true, locked: false },
    ]);
  });

  it('change only what is sent, and refuse switching off a locked channel (changing nothing)', async () => {
    const body = {
      locale: 'pt-BR',
      timezone: 'America/Sao_Paulo',
      quietHours: { start: '22:00', end: '07:00' },
      telegramChatId: '7002',
      channels: [{ category: 'reminders', channel: 'sms', enabled: false }],
    };
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/me/notification-preferences',
      headers: as.patientB!.headers,
      payload: body,
    });
    expect(res.statusCode).toBe(200);
    const saved = res.json<{
      locale: string;
      quietHours: object;
      categories: { category: string; channels: { channel: string; enabled: boolean }[] }[];
    }>();
    expect([saved.locale, saved.quietHours]).toEqual(['pt-BR', { start: '22:00', end: '07:00' }]);
    expect(
      saved.categories.find((c) => c.category === 'reminders')!.channels.find((c) => c.channel === 'sms')!
        .enabled,
    ).toBe(false);
    const refused = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/me/notification-preferences',
      headers: as.patientB!.headers,
      payload: { locale: 'en', channels: [{ category: 'account', channel: 'email', enabled: false }] },
    });
    expect([refused.statusCode, refused.json<{ code: string }>().code]).toEqual([
      422,
      'notifications.channel_required',
    ]);
    expect(
      (await get('/api/v1/me/notification-preferences', 'patientB')).json<{ locale: string }>().locale,
    ).toBe('pt-BR');
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/me/notification-preferences',
      headers: as.patientB!.headers,
      payload: { timezone: 'Mars/Olympus' },
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('unsubscribe links', () => {
  const url = (token: string) => `/api/v1/notifications/unsubscribe?token=${token}`;
  it('show what they do on GET and unsubscribe on POST (one-click form post too), without signing in', async () => {
    const token = unsubscribeToken(SECRET, `user:${cast.patientA.userId}`, 'reminders');
    expect((await t.app.inject(url(token))).json()).toEqual({
      category: 'reminders',
      channel: 'email',
      subscribed: true,
    });
    const res = await t.app.inject({
      method: 'POST',
      url: url(token),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(res.json()).toEqual({ category: 'reminders', channel: 'email', subscribed: false });
    expect((await t.app.inject(url(token))).json<{ subscribed: boolean }>().subscribed).toBe(false);
  });

  it('refuse forged tokens and essential categories', async () => {
    const forged = unsubscribeToken(
      'another-secret-that-is-long-enough-000000',
      `user:${cast.patientA.userId}`,
      'alerts',
    );
    const essential = unsubscribeToken(SECRET, `user:${cast.patientA.userId}`, 'account');
    for (const token of [forged, essential, 'not-a-token']) {
      const res = await t.app.inject({ method: 'POST', url: url(token) });
      expect([res.statusCode, res.json<{ code: string }>().code]).toEqual([400, 'notifications.bad_token']);
    }
  });
});

describe('admin delivery log', () => {
  it('lists deliveries per message and the failed ones, with masked addresses, and retries a dead one', async () => {
    await insertDeliveries(t.database.db, [
      {
        dedupeKey: 'admin:dead',
        message: 'alert.community',
        category: 'alerts',
        channel: 'email',
        address: 'carla.mendes@example.org',
        locale: 'en',
        data: {},
        status: 'dead',
        attempts: 8,
        lastError: 'SMTP 550: No such mailbox',
        nextAttemptAt: new Date(),
      },
    ]);
    const failed = (await get('/api/v1/admin/notifications/deliveries?status=dead', 'admin')).json<{
      items: { id: string; address: string; lastError: string; attempts: number }[];
    }>();
    expect(failed.items.map((d) => [d.address, d.attempts, d.lastError])).toEqual([
      ['c***@example.org', 8, 'SMTP 550: No such mailbox'],
    ]);
    const retried = await post(
      `/api/v1/admin/notifications/deliveries/${failed.items[0]!.id}/retry`,
      'admin',
    );
    expect(retried.json<{ status: string; attempts: number }>()).toMatchObject({
      status: 'pending',
      attempts: 0,
    });
    const again = await post(`/api/v1/admin/notifications/deliveries/${failed.items[0]!.id}/retry`, 'admin');
    expect([again.statusCode, again.json<{ code: string }>().code]).toEqual([409, 'notification.not_failed']);
    const [anyEvent] = await t.database.db
      .select()
      .from(notificationDeliveries)
      .where(eq(notificationDeliveries.channel, 'in_app'))
      .limit(1);
    const perMessage = (
      await get(`/api/v1/admin/notifications/deliveries?event=${anyEvent!.eventId!}`, 'admin')
    ).json<{ items: { status: string; address: string }[] }>();
    expect(perMessage.items).toEqual([expect.objectContaining({ status: 'sent', address: 'inbox' })]);
  });

  it('counts the queue per channel and status in /metrics', async () => {
    const body = (await t.app.inject('/metrics')).body;
    expect(body).toContain('notifications_queue{channel="email",status="pending"} 1');
  });
});

describe('clinic broadcast channels', () => {
  it('are replaced as a list by admins (by id or code)', async () => {
    const channels = [
      { channel: 'telegram', address: '@clinica_praia', locale: 'pt-BR' },
      { channel: 'slack', address: 'staff', locale: 'en' },
      { channel: 'telegram', address: '@clinica_praia', locale: 'pt-BR' },
    ];
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/clinics/${cast.clinicId}/notification-channels`,
      headers: as.admin!.headers,
      payload: { channels },
    });
    expect(
      res
        .json<{ items: { channel: string; address: string }[] }>()
        .items.map((c) => `${c.channel}:${c.address}`),
    ).toEqual(['slack:staff', 'telegram:@clinica_praia']);
    const missing = await get('/api/v1/clinics/C999/notification-channels', 'admin');
    expect([missing.statusCode, missing.json<{ code: string }>().code]).toEqual([404, 'clinic.not_found']);
  });
});
