import { describe, expect, it } from 'vitest';
import {
  csrfToken,
  hashToken,
  lockDuration,
  newToken,
  passwordProblem,
  personalWords,
  sessionActive,
} from './rules.ts';

describe('password policy (NIST SP 800-63B)', () => {
  const personal = personalWords(['Carla Mendes', 'carla.mendes@example.org']);

  it.each(['short-pw1', 'elevenchars'])('refuses fewer than 12 characters: %s', (pw) => {
    expect(passwordProblem(pw, [])).toMatch(/at least 12/);
  });

  it.each(['password1234', 'qwertyuiop123', '123456789012', 'iloveyou2024!'])(
    'refuses common passwords: %s',
    (pw) => {
      expect(passwordProblem(pw, [])).toMatch(/too easy to guess/);
    },
  );

  it("refuses a password built from the person's own name and email", () => {
    expect(passwordProblem('carlamendes1980', personal)).toMatch(/too easy to guess/);
    // The same shape without personal words is fine: the refusal came from the personal dictionary.
    expect(passwordProblem('carlamendes1980', [])).toBeUndefined();
  });

  it('accepts long passphrases with no composition rules', () => {
    expect(passwordProblem('correct horse battery staple', personal)).toBeUndefined();
    expect(passwordProblem('harbor violet lantern moss', personal)).toBeUndefined();
  });

  it('counts characters, not UTF-16 units, and caps the length', () => {
    expect(passwordProblem('😀'.repeat(11), [])).toMatch(/at least 12/);
    expect(passwordProblem('a'.repeat(257), [])).toMatch(/at most 256/);
  });
});

describe('lockout growth', () => {
  it('starts at a minute, doubles, and stops at a day', () => {
    expect(lockDuration(0)).toBe(60_000);
    expect(lockDuration(1)).toBe(120_000);
    expect(lockDuration(3)).toBe(480_000);
    expect(lockDuration(40)).toBe(86_400_000);
  });
});

describe('tokens', () => {
  it('are 256-bit, unique, and stored only as a hash', () => {
    const a = newToken();
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(newToken()).not.toBe(a);
    expect(hashToken(a)).not.toContain(a);
    expect(hashToken(a)).toBe(hashToken(a));
  });

  it('give each session its own CSRF token', () => {
    expect(csrfToken('s', 'one')).not.toBe(csrfToken('s', 'two'));
    expect(csrfToken('s', 'one')).not.toBe(csrfToken('other-secret', 'one'));
  });
});

describe('session activity', () => {
  const now = new Date('2026-11-22T12:00:00Z');
  const base = {
    lastSeenAt: new Date('2026-11-22T11:30:00Z'),
    expiresAt: new Date('2026-11-22T20:00:00Z'),
    revokedAt: null,
  };
  it('is active within idle and absolute limits', () => expect(sessionActive(base, now, 60)).toBe(true));
  it('ends when idle too long', () => expect(sessionActive(base, now, 30)).toBe(false));
  it('ends at the absolute expiry', () =>
    expect(sessionActive({ ...base, expiresAt: now }, now, 60)).toBe(false));
  it('ends when revoked', () => expect(sessionActive({ ...base, revokedAt: now }, now, 60)).toBe(false));
});
