/**
 * The dispatcher against real peers (an SMTP server, HTTP servers speaking Telegram, Slack and a
 * Twilio-compatible SMS gateway) on a real database, on a fake clock.
 */
import { eq, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/helpers/db.ts';
import { createCast, type Cast } from '../../../../test/helpers/fixtures.ts';
import type { Database } from '../../db/client.ts';
import {
  notificationDeliveries,
  notificationInbox,
  notificationSettings,
  outbox,
} from '../../db/schema/index.ts';
import { enqueue } from '../../events/outbox.ts';
import type { NotifyDeps } from './context.ts';
import { deliverDue } from './dispatcher.ts';
import { fanOutBatch } from './fanout.ts';
import { insertDeliveries, type NewDelivery } from './repo.ts';
import { drain, FakeClock, notifyDepsFor, peerSettings, startPeers, type Peers } from './test-support.ts';

let database: Database;
let cast: Cast;
let peers: Peers;
let deps: NotifyDeps & { close(): Promise<void> };
const clock = new FakeClock('2026-03-03T15:00:00Z');
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

beforeAll(async () => {
  database = await createTestDatabase();
  cast = await createCast(database.db);
  peers = await startPeers();
  deps = notifyDepsFor(database.db, peerSettings(peers), clock);
  await database.db.insert(notificationSettings).values({
    userId: cast.patientA.userId,
    telegramChatId: '7001',
    phone: '+5527999990001',
    locale: 'pt-BR',
  });
});
afterAll(async () => {
  await deps.close();
  await peers.close();
  await database.close();
});
beforeEach(() => {
  peers.http.script = () => ({ status: 200, body: { ok: true } });
});

const deliveriesOf = (eventId: string) =>
  database.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.eventId, eventId));
const lastEventId = async () =>
  (
    await database.db
      .select()
      .from(outbox)
      .orderBy(sql`${outbox.createdAt} desc`)
      .limit(1)
  )[0]!.id;
const smsTo = (to: string) => peers.http.received.filter((r) => r.fields.To === to);

describe('fan-out and delivery', () => {
  it('delivers a consent code on every channel of the patient, once, even when the fan-out runs twice', async () => {
    await enqueue(database.db, {
      topic: 'consent.code_issued',
      recipientUserId: cast.patientA.userId,
      payload: {
        challengeId: 'c1',
        code: '482913',
        doctorId: cast.doctorA.id,
        expiresAt: '2026-03-03T15:10:00Z',
      },
    });
    const eventId = await lastEventId();
    expect(await fanOutBatch(deps)).toBe(1);
    // The job runs again (a retry after a crash between fan-out and acknowledgement): nothing new.
    await database.db.update(outbox).set({ publishedAt: null }).where(eq(outbox.id, eventId));
    expect(await fanOutBatch(deps)).toBe(1);
    const rows = await deliveriesOf(eventId);
    expect(rows.map((r) => r.channel).sort()).toEqual(['email', 'in_app', 'sms', 'telegram']);
    await drain(deps);
    expect((await deliveriesOf(eventId)).every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    const sms = smsTo('+5527999990001');
    expect(sms).toHaveLength(1);
    expect(sms[0]!.fields.Body).toContain('482913');
    expect(sms[0]!.headers.authorization).toBe(`Basic ${Buffer.from('AC0123:sms-token').toString('base64')}`);
    expect(sms[0]!.path).toBe('/2010-04-01/Accounts/AC0123/Messages.json');
    const tg = peers.http.received.filter(
      (r) => r.path === '/bot123456:TEST/sendMessage' && r.fields.chat_id === '7001',
    );
    expect(tg).toHaveLength(1);
    expect(String(tg[0]!.fields.text)).toContain('Dr Ana Souza pede seu consentimento');
    const mail = peers.smtp.mails.find((m) => m.text?.includes('482913'))!;
    expect(mail.subject).toBe('Seu código de consentimento para Dr Ana Souza');
    expect(mail.headerLines.some((h) => h.key === 'list-unsubscribe')).toBe(false);
    const inbox = await database.db
      .select()
      .from(notificationInbox)
      .where(eq(notificationInbox.userId, cast.patientA.userId));
    expect(inbox.map((i) => i.title)).toEqual(['Seu código de consentimento para Dr Ana Souza']);
  });

  it('emails a report with HTML, text and its chart attached; sends the chart to Telegram and a note to Slack', async () => {
    await enqueue(database.db, {
      topic: 'pipeline.report',
      payload: {
        title: 'Daily <load> & checks',
        summary: '12 models built, 0 tests failed.',
        attachments: [
          { filename: 'no-shows.png', contentType: 'image/png', contentBase64: PNG.toString('base64') },
        ],
      },
    });
    await drain(deps);
    const mail = peers.smtp.mails.find((m) => m.subject?.startsWith('Health Synth report'))!;
    expect(mail.subject).toBe('Health Synth report: Daily <load> & checks');
    expect(mail.text).toContain('12 models built, 0 tests failed.');
    expect(mail.html).toContain('<h2>Daily &lt;load&gt; &amp; checks</h2>');
    expect(mail.attachments.map((a) => [a.filename, a.contentType, a.content.equals(PNG)])).toEqual([
      ['no-shows.png', 'image/png', true],
    ]);
    const photo = peers.http.received.find((r) => r.path.endsWith('/sendPhoto'))!;
    expect(photo.fields.chat_id).toBe('-100200');
    expect(photo.files.photo).toEqual({ type: 'image/png', size: PNG.length, name: 'no-shows.png' });
    const slack = peers.http.received.find((r) => r.path === '/slack/ops')!;
    expect(slack.fields.text).toBe(
      '*Health Synth report: Daily &lt;load&gt; &amp; checks*\nDaily &lt;load&gt; &amp; checks\n\n12 models built, 0 tests failed.',
    );
  });

  it('puts an unsubscribe link in non-essential email (and the one-click header), never in essential email', async () => {
    await enqueue(database.db, {
      topic: 'alerts.raised',
      recipientUserId: cast.patientB.userId,
      payload: {
        neighbourhood: 'Centro',
        condition: 'Dengue',
        level: 'C2',
        summary: 'See a doctor if feverish.',
      },
    });
    await drain(deps);
    const mail = peers.smtp.mails.find((m) => m.subject === 'Health alert for Centro: Dengue')!;
    const line = mail.headerLines.find((h) => h.key === 'list-unsubscribe')!.line;
    const header = { url: /<([^>]+)>/.exec(line)![1]! };
    expect(header.url).toMatch(
      /^http:\/\/localhost:3000\/api\/v1\/notifications\/unsubscribe\?token=[\w.-]+$/,
    );
    const post = mail.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line;
    expect(post).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(mail.text).toContain(`Stop alert emails: ${header.url}`);
  });
});

/** SMS deliveries straight into the queue: their phone numbers pick the peer's answer. */
function sms(key: string, to: string, extra: Partial<NewDelivery> = {}): NewDelivery {
  return {
    dedupeKey: key,
    message: 'alert.community',
    category: 'alerts',
    channel: 'sms',
    address: to,
    locale: 'en',
    data: { neighbourhood: 'Centro', condition: 'Flu', level: 'C1', summary: 'x' },
    nextAttemptAt: new Date(clock.now()),
    ...extra,
  };
}
const row = async (key: string) =>
  (
    await database.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.dedupeKey, key))
  )[0]!;

describe('failures and retries', () => {
  it('retries a 500 with exponential backoff and dead-letters it after the last attempt', async () => {
    peers.http.script = (r) =>
      r.fields.To === '+15550000500' ? { status: 500, body: { message: 'boom' } } : { status: 200 };
    await insertDeliveries(database.db, [sms('t:500', '+15550000500')]);
    const start = clock.now();
    await deliverDue(deps);
    let d = await row('t:500');
    // Attempt 1 failed: back off 10 s × (½ + ½·0.5) = 7.5 s.
    expect([d.status, d.attempts, d.nextAttemptAt.getTime() - start, d.lastError]).toEqual([
      'pending',
      1,
      7500,
      'HTTP 500: boom',
    ]);
    for (const wait of [7_500, 15_000, 30_000]) {
      clock.advance(wait);
      await deliverDue(deps);
    }
    d = await row('t:500');
    expect([d.status, d.attempts, d.lastError]).toEqual([
      'dead',
      4,
      'HTTP 500: boom (gave up after 4 attempts)',
    ]);
    expect(smsTo('+15550000500')).toHaveLength(4);
  });

  it("holds a retry that would fall in the recipient's quiet hours until they end", async () => {
    peers.http.script = (r) => (r.fields.To === '+15550000022' ? { status: 503 } : { status: 200 });
    const zone = 'America/Sao_Paulo';
    const local = DateTime.fromMillis(clock.now(), { zone });
    // Quiet from this minute for two hours: the first try is already due, its retry in 7.5 s is not.
    const start = local.hour * 60 + local.minute;
    const quietHours = { start, end: (start + 120) % 1440, zone };
    await insertDeliveries(database.db, [sms('t:quiet', '+15550000022', { data: { quietHours } })]);
    await deliverDue(deps);
    const d = await row('t:quiet');
    const quietEnd = local.startOf('minute').plus({ minutes: 120 }).toMillis();
    expect([d.status, d.attempts, d.nextAttemptAt.getTime()]).toEqual(['pending', 1, quietEnd]);
    clock.advance(60_000);
    expect(await deliverDue(deps)).toBe(0);
  });

  it('does not retry a permanent error (a bad number)', async () => {
    peers.http.script = () => ({
      status: 400,
      body: { code: 21211, message: "The 'To' number is not valid." },
    });
    await insertDeliveries(database.db, [sms('t:400', '+15550000400')]);
    await deliverDue(deps);
    const d = await row('t:400');
    expect([d.status, d.attempts, d.lastError]).toEqual([
      'dead',
      1,
      "HTTP 400: The 'To' number is not valid.",
    ]);
  });

  it("honours a 429's Retry-After, and Telegram's retry_after", async () => {
    let calls = 0;
    peers.http.script = (r) => {
      calls++;
      if (calls > 2) return { status: 200, body: { ok: true } };
      return r.path.includes('/bot')
        ? {
            status: 429,
            body: {
              ok: false,
              error_code: 429,
              description: 'Too Many Requests',
              parameters: { retry_after: 40 },
            },
          }
        : { status: 429, headers: { 'retry-after': '120' } };
    };
    await insertDeliveries(database.db, [
      sms('t:429', '+15550000429'),
      { ...sms('t:429tg', '9001'), channel: 'telegram' },
    ]);
    const start = clock.now();
    await deliverDue(deps);
    const s = await row('t:429');
    const t = await row('t:429tg');
    // The wait asked for plus up to 10 % (at most 1 s) of jitter; the pinned random is 0.5.
    expect([s.status, s.nextAttemptAt.getTime() - start]).toEqual(['pending', 120_500]);
    expect([t.status, t.nextAttemptAt.getTime() - start, t.lastError]).toEqual([
      'pending',
      40_500,
      'HTTP 429: Too Many Requests',
    ]);
    clock.advance(60_000);
    await deliverDue(deps);
    expect((await row('t:429tg')).status).toBe('sent');
    expect((await row('t:429')).status).toBe('pending');
    clock.advance(61_000);
    await deliverDue(deps);
    expect((await row('t:429')).status).toBe('sent');
  });

  it('treats a timeout as transient', async () => {
    peers.http.script = (r) =>
      r.fields.To === '+15550000408' ? { status: 200, hang: true } : { status: 200 };
    await insertDeliveries(database.db, [sms('t:timeout', '+15550000408')]);
    await deliverDue(deps);
    const d = await row('t:timeout');
    expect([d.status, d.lastError]).toEqual(['pending', 'POST failed: timed out']);
  });

  it('dead-letters mail to a mailbox the server refuses (550), without retrying', async () => {
    peers.smtp.reject.add('gone@example.org');
    await insertDeliveries(database.db, [{ ...sms('t:550', 'gone@example.org'), channel: 'email' }]);
    await deliverDue(deps);
    const d = await row('t:550');
    expect(d.status).toBe('dead');
    expect(d.lastError).toMatch(/^SMTP 550: .*No such mailbox/);
  });

  it('expires what is no longer worth sending and dead-letters a channel that lost its configuration', async () => {
    await insertDeliveries(database.db, [
      sms('t:expired', '+15550000001', { expiresAt: new Date(clock.now() - 1) }),
      { ...sms('t:slack', 'nowhere'), channel: 'slack' },
    ]);
    await deliverDue(deps);
    expect((await row('t:expired')).status).toBe('expired');
    const slack = await row('t:slack');
    expect([slack.status, slack.lastError]).toEqual([
      'dead',
      'no Slack webhook named "nowhere" is configured',
    ]);
    expect(smsTo('+15550000001')).toHaveLength(0);
  });

  it('takes back claims whose sender died once their lease runs out, and sends them under the same id', async () => {
    await insertDeliveries(database.db, [sms('t:lease', '+15550000777')]);
    const [claimed] = await database.db
      .update(notificationDeliveries)
      .set({ status: 'sending', leaseUntil: new Date(clock.now() + 5_000), attempts: 1 })
      .where(eq(notificationDeliveries.dedupeKey, 't:lease'))
      .returning();
    await drain(deps);
    expect((await row('t:lease')).status).toBe('sending');
    clock.advance(5_000);
    await drain(deps);
    const d = await row('t:lease');
    expect([d.status, d.attempts]).toEqual(['sent', 2]);
    expect(smsTo('+15550000777').map((r) => r.headers['idempotency-key'])).toEqual([claimed!.id]);
  });
});
