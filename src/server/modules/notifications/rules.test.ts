import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  afterAttempt,
  backoffMs,
  chooseChannels,
  chooseLocale,
  classifyHttp,
  classifySmtp,
  closedDayKey,
  closedDayNotice,
  eventKey,
  inQuietHours,
  MESSAGES,
  parseRetryAfter,
  releaseAt,
  reminderDecision,
  reminderDueAt,
  reminderKey,
  withdrawnKey,
  type Channel,
  type Reach,
  type RetryPolicy,
} from './rules.ts';

const ms = (iso: string) => Date.parse(iso);
const iso = (t: number) => new Date(t).toISOString();
const policy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 10_000, maxDelayMs: 600_000 };
const ALL: ReadonlySet<Channel> = new Set(['in_app', 'email', 'telegram', 'slack', 'sms']);
const reach = { userId: 'u1', email: 'ana@example.org', phone: '+5527999990000', telegramChatId: '42' };

describe('channel choice', () => {
  const channels = (
    message: keyof typeof MESSAGES,
    prefs = new Map<string, boolean>(),
    r: Reach = reach,
    on = ALL,
  ) => chooseChannels(message, prefs, r, on).map((c) => c.channel);

  it('uses the category defaults when the person said nothing', () => {
    expect(channels('appointment.reminder')).toEqual(['in_app', 'email', 'telegram', 'sms']);
    expect(channels('appointment.booked')).toEqual(['in_app', 'email', 'telegram']);
    expect(channels('pipeline.report')).toEqual(['in_app', 'email']);
  });

  it('follows preferences, but keeps in-app always and email for essential categories', () => {
    const off = new Map([
      ['reminders:email', false],
      ['reminders:sms', false],
      ['consent:email', false],
      ['consent:sms', false],
    ]);
    expect(channels('appointment.reminder', off)).toEqual(['in_app', 'telegram']);
    expect(channels('consent.code', off)).toEqual(['in_app', 'email', 'telegram']);
    expect(channels('appointment.booked', new Map([['appointments:sms', true]]))).toContain('sms');
  });

  it('sends reset links by email only', () => {
    expect(channels('auth.password_reset')).toEqual(['email']);
  });

  it('skips channels without an address or without configuration, and never Slack for a person', () => {
    expect(channels('appointment.reminder', new Map(), { email: 'a@b.org', phone: null })).toEqual(['email']);
    expect(channels('appointment.reminder', new Map(), reach, new Set(['in_app', 'email']))).toEqual([
      'in_app',
      'email',
    ]);
    expect(channels('appointment.reminder', new Map([['reminders:slack', true]]))).not.toContain('slack');
  });

  it('addresses each channel with its own contact', () => {
    expect(chooseChannels('appointment.reminder', new Map(), reach, ALL)).toEqual([
      { channel: 'in_app', address: 'u1' },
      { channel: 'email', address: 'ana@example.org' },
      { channel: 'telegram', address: '42' },
      { channel: 'sms', address: '+5527999990000' },
    ]);
  });
});

describe('retries', () => {
  it('backs off exponentially, between half and all of the step, capped', () => {
    expect(backoffMs(1, policy, 0)).toBe(5_000);
    expect(backoffMs(1, policy, 1)).toBe(10_000);
    expect(backoffMs(3, policy, 0)).toBe(20_000);
    expect(backoffMs(3, policy, 1)).toBe(40_000);
    expect(backoffMs(20, policy, 1)).toBe(600_000);
    expect(backoffMs(1000, policy, 0.5)).toBe(450_000);
  });

  it('keeps every backoff within its bounds (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, r) => {
        const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(30, n - 1));
        const d = backoffMs(n, policy, r);
        return d >= Math.floor(step / 2) && d <= step;
      }),
    );
  });

  const now = ms('2026-03-03T12:00:00Z');
  it('marks a sent delivery sent', () => {
    expect(afterAttempt({ kind: 'sent' }, 1, policy, now, 0.5)).toEqual({ status: 'sent' });
  });
  it('never retries a permanent error', () => {
    expect(
      afterAttempt({ kind: 'permanent', error: 'HTTP 400: chat not found' }, 1, policy, now, 0.5),
    ).toEqual({
      status: 'dead',
      error: 'HTTP 400: chat not found',
    });
  });
  it('retries a transient error with backoff, and dead-letters it at the last attempt', () => {
    expect(afterAttempt({ kind: 'transient', error: 'HTTP 500' }, 2, policy, now, 1)).toEqual({
      status: 'pending',
      at: now + 20_000,
    });
    const last = afterAttempt({ kind: 'transient', error: 'HTTP 500' }, 5, policy, now, 1);
    expect(last).toEqual({ status: 'dead', error: 'HTTP 500 (gave up after 5 attempts)' });
  });
  it('waits at least as long as a rate-limited channel asks, with a little jitter', () => {
    const out = (r: number) =>
      afterAttempt({ kind: 'rate_limited', error: 'HTTP 429', retryAfterMs: 30_000 }, 1, policy, now, r);
    expect(out(0)).toEqual({ status: 'pending', at: now + 30_000 });
    expect(out(1)).toEqual({ status: 'pending', at: now + 31_000 });
    const noHint = afterAttempt(
      { kind: 'rate_limited', error: 'HTTP 429', retryAfterMs: undefined },
      1,
      policy,
      now,
      0,
    );
    expect(noHint).toEqual({ status: 'pending', at: now + 5_000 });
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('7', now)).toBe(7_000);
    expect(parseRetryAfter('1.5', now)).toBe(1_500);
    expect(parseRetryAfter(new Date(now + 90_000).toUTCString(), now)).toBe(90_000);
    expect(parseRetryAfter(new Date(now - 90_000).toUTCString(), now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
  });
});

describe('classifying answers', () => {
  it.each([
    [200, 'sent'],
    [201, 'sent'],
    [204, 'sent'],
    [429, 'rate_limited'],
    [408, 'transient'],
    [425, 'transient'],
    [500, 'transient'],
    [502, 'transient'],
    [503, 'transient'],
    [400, 'permanent'],
    [401, 'permanent'],
    [403, 'permanent'],
    [404, 'permanent'],
    [410, 'permanent'],
  ])('HTTP %i is %s', (status, kind) => {
    expect(classifyHttp(status, undefined, '').kind).toBe(kind);
  });
  it('keeps the retry-after of a 429 and a short reason', () => {
    expect(classifyHttp(429, 5000, 'Too Many Requests: retry after 5')).toEqual({
      kind: 'rate_limited',
      error: 'HTTP 429: Too Many Requests: retry after 5',
      retryAfterMs: 5000,
    });
    expect(classifyHttp(400, undefined, 'x'.repeat(500)).kind === 'permanent').toBe(true);
  });
  it.each([
    [550, 'permanent'],
    [553, 'permanent'],
    [421, 'rate_limited'],
    [451, 'rate_limited'],
    [undefined, 'transient'],
  ])('SMTP %s is %s', (code, kind) => {
    expect(classifySmtp(code, 'reason').kind).toBe(kind);
  });
});

describe('quiet hours', () => {
  const zone = 'America/Sao_Paulo';
  const night = { start: 22 * 60, end: 7 * 60 };
  const lunch = { start: 12 * 60, end: 14 * 60 };

  it('holds non-urgent messages over midnight until the quiet hours end', () => {
    // 23:30 local (UTC−3) → 07:00 local the next day.
    expect(iso(releaseAt(ms('2026-03-04T02:30:00Z'), zone, night, false))).toBe('2026-03-04T10:00:00.000Z');
    // 06:59 local → 07:00 the same day.
    expect(iso(releaseAt(ms('2026-03-04T09:59:00Z'), zone, night, false))).toBe('2026-03-04T10:00:00.000Z');
    expect(inQuietHours(ms('2026-03-04T10:00:00Z'), zone, night)).toBe(false);
    expect(inQuietHours(ms('2026-03-04T01:00:00Z'), zone, night)).toBe(true);
  });

  it('handles quiet hours inside one day', () => {
    expect(inQuietHours(ms('2026-03-04T15:00:00Z'), zone, lunch)).toBe(true);
    expect(inQuietHours(ms('2026-03-04T17:00:00Z'), zone, lunch)).toBe(false);
    expect(iso(releaseAt(ms('2026-03-04T15:00:00Z'), zone, lunch, false))).toBe('2026-03-04T17:00:00.000Z');
  });

  it('lets urgent messages through and leaves people without quiet hours alone', () => {
    const t = ms('2026-03-04T02:30:00Z');
    expect(releaseAt(t, zone, night, true)).toBe(t);
    expect(releaseAt(t, zone, undefined, false)).toBe(t);
  });

  it('ends quiet hours at the local time on a DST change night', () => {
    // Lisbon springs forward on 2026-03-29 at 01:00 → 02:00; quiet until 07:00 local = 06:00Z.
    const lisbon = 'Europe/Lisbon';
    expect(iso(releaseAt(ms('2026-03-28T23:30:00Z'), lisbon, night, false))).toBe('2026-03-29T06:00:00.000Z');
    // And falls back on 2026-10-25: 07:00 local = 07:00Z.
    expect(iso(releaseAt(ms('2026-10-24T23:30:00Z'), lisbon, night, false))).toBe('2026-10-25T07:00:00.000Z');
  });
});

describe('the reminder window', () => {
  it('is due the day before at the same local time', () => {
    expect(iso(reminderDueAt(ms('2026-03-05T13:00:00Z'), 'America/Sao_Paulo'))).toBe(
      '2026-03-04T13:00:00.000Z',
    );
  });

  it('is 23 or 25 hours ahead across a DST change, in the clinic zone', () => {
    const ny = 'America/New_York';
    // Sunday 2026-03-08 (clocks go forward at 02:00) 10:00 EDT = 14:00Z; Saturday 10:00 EST = 15:00Z.
    const spring = ms('2026-03-08T14:00:00Z');
    expect((spring - reminderDueAt(spring, ny)) / 3_600_000).toBe(23);
    // Sunday 2026-11-01 (clocks go back) 10:00 EST = 15:00Z; Saturday 10:00 EDT = 14:00Z.
    const autumn = ms('2026-11-01T15:00:00Z');
    expect((autumn - reminderDueAt(autumn, ny)) / 3_600_000).toBe(25);
  });

  const a = {
    startsAt: ms('2026-03-05T13:00:00Z'),
    lastChangedAt: ms('2026-02-20T12:00:00Z'),
    zone: 'America/Sao_Paulo',
  };
  it('waits until the window opens, then sends', () => {
    expect(reminderDecision(a, ms('2026-03-04T12:59:00Z'))).toBe('wait');
    expect(reminderDecision(a, ms('2026-03-04T13:00:00Z'))).toBe('send');
    expect(reminderDecision(a, ms('2026-03-05T08:00:00Z'))).toBe('send');
  });
  it('skips appointments that are past or too close, or were booked or moved inside the window', () => {
    expect(reminderDecision(a, ms('2026-03-05T12:30:00Z'))).toBe('skip');
    expect(reminderDecision(a, ms('2026-03-05T14:00:00Z'))).toBe('skip');
    expect(
      reminderDecision({ ...a, lastChangedAt: ms('2026-03-04T18:00:00Z') }, ms('2026-03-04T18:01:00Z')),
    ).toBe('skip');
  });
});

describe('closed-day notices', () => {
  const clinic = {
    zone: 'America/Sao_Paulo',
    closedOnWeekends: true,
    holidays: new Map([['2026-04-21', 'Tiradentes']]),
  };
  // Saturday 2026-03-07; 10:05 local = 13:05Z.
  it('go out from 10:05 local time on a weekend', () => {
    expect(closedDayNotice(ms('2026-03-07T13:04:00Z'), clinic)).toBeUndefined();
    expect(closedDayNotice(ms('2026-03-07T13:05:00Z'), clinic)).toEqual({
      date: '2026-03-07',
      reason: 'weekend',
    });
    expect(closedDayNotice(ms('2026-03-08T22:59:00Z'), clinic)).toEqual({
      date: '2026-03-08',
      reason: 'weekend',
    });
    expect(closedDayNotice(ms('2026-03-07T23:00:00Z'), clinic)).toBeUndefined();
  });
  it('go out on holidays, named, and not on open weekdays or for clinics open at weekends', () => {
    expect(closedDayNotice(ms('2026-04-21T13:05:00Z'), clinic)).toEqual({
      date: '2026-04-21',
      reason: 'holiday',
      holidayName: 'Tiradentes',
    });
    expect(closedDayNotice(ms('2026-03-06T13:05:00Z'), clinic)).toBeUndefined();
    expect(
      closedDayNotice(ms('2026-03-07T13:05:00Z'), { ...clinic, closedOnWeekends: false }),
    ).toBeUndefined();
  });
  it('use the local date where the clinic is, not UTC', () => {
    // 2026-03-07 10:30 in Auckland (UTC+13) is 2026-03-06T21:30Z: a Saturday there.
    const auckland = { ...clinic, zone: 'Pacific/Auckland' };
    expect(closedDayNotice(ms('2026-03-06T21:30:00Z'), auckland)?.date).toBe('2026-03-07');
  });
});

describe('dedupe keys and templates', () => {
  it('name the event, reminder or notice with its channel and address', () => {
    expect(eventKey('e1', 'email', 'a@b.org')).toBe('event:e1:email:a@b.org');
    expect(reminderKey('a1', ms('2026-03-05T13:00:00Z'), 'sms')).toBe(
      'reminder:a1:2026-03-05T13:00:00.000Z:sms',
    );
    expect(closedDayKey('c1', '2026-03-07', 'telegram', '@x')).toBe('closed:c1:2026-03-07:telegram:@x');
    expect(withdrawnKey('reminder:a1:x:sms', 'd1')).toBe('reminder:a1:x:sms#withdrawn:d1');
  });
  it('choose the exact locale, then the same language, then the fallback', () => {
    const available = ['en', 'pt-BR'];
    expect(chooseLocale('pt-BR', available, 'en')).toBe('pt-BR');
    expect(chooseLocale('pt-br', available, 'en')).toBe('pt-BR');
    expect(chooseLocale('pt-PT', available, 'en')).toBe('pt-BR');
    expect(chooseLocale('pt', available, 'en')).toBe('pt-BR');
    expect(chooseLocale('de-DE', available, 'en')).toBe('en');
    expect(chooseLocale(null, available, 'en')).toBe('en');
    expect(chooseLocale('en-GB', available, 'pt-BR')).toBe('en');
  });
});
