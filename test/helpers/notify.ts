/** Notification settings for tests, and a fake clock: no channel is configured unless a test says so. */
import type { NotificationSettings } from '../../src/server/config.ts';

export function testNotificationSettings(
  overrides: Partial<NotificationSettings> = {},
): NotificationSettings {
  return {
    publicUrl: 'http://localhost:3000',
    secret: 'test-secret-that-is-long-enough-for-hmac-0123456789',
    defaultLocale: 'en',
    smtp: undefined,
    telegram: undefined,
    slack: {},
    sms: undefined,
    ops: {},
    maxAttempts: 4,
    retryBaseMs: 10_000,
    retryMaxMs: 3_600_000,
    sendTimeoutMs: 1_000,
    leaseMs: 5_000,
    batchSize: 200,
    concurrency: 16,
    ...overrides,
  };
}

/** Time that moves only when told. */
export class FakeClock {
  #now: number;
  constructor(start: string | number) {
    this.#now = typeof start === 'string' ? Date.parse(start) : start;
  }
  now(): number {
    return this.#now;
  }
  set(at: string | number): void {
    this.#now = typeof at === 'string' ? Date.parse(at) : at;
  }
  advance(ms: number): void {
    this.#now += ms;
  }
}
