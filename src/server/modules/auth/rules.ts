/**
 * Pure rules of identity: password policy (NIST SP 800-63B: length and a check against common and
 * personal words, no composition rules), lockout growth, token shapes and session expiry.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';

export const PASSWORD_MIN = 12;
import { PASSWORD_MAX } from '../../../core/vocab.ts';

export { PASSWORD_MAX };
/** zxcvbn score 0–4: 3 means "safely unguessable: moderate protection from offline attacks". */
const MIN_SCORE = 3;

const zxcvbn = new ZxcvbnFactory({
  translations: en.translations,
  graphs: common.adjacencyGraphs,
  dictionary: { ...common.dictionary, ...en.dictionary },
});

/** Words a guesser would try first for this person: their name and email, whole and in parts. */
export function personalWords(inputs: (string | null | undefined)[]): string[] {
  const words = new Set<string>();
  for (const input of inputs) {
    const value = (input ?? '').toLowerCase();
    for (const part of [value, value.split('@')[0] ?? '']) {
      const pieces = part.split(/[^a-z0-9\u00c0-\u024f]+/).filter((w) => w.length >= 3);
      pieces.forEach((w) => words.add(w));
      if (pieces.length > 1) words.add(pieces.join(''));
    }
  }
  return [...words];
}

/** Why a password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string, personal: string[]): string | undefined {
  // Code points, not UTF-16 units: an emoji is one character to the person typing it.
  if (Array.from(password).length < PASSWORD_MIN)
    return `must be at least ${String(PASSWORD_MIN)} characters`;
  if (password.length > PASSWORD_MAX) return `must be at most ${String(PASSWORD_MAX)} characters`;
  const result = zxcvbn.check(password, personal);
  if (result.score >= MIN_SCORE) return undefined;
  const hint = result.feedback.warning ?? result.feedback.suggestions[0];
  return `is too easy to guess${hint ? `: ${hint}` : ''}. Try a longer phrase of unrelated words`;
}

export const MAX_FAILED_LOGINS = 5;
const FIRST_LOCK_MS = 60_000;
const MAX_LOCK_MS = 24 * 60 * 60_000;

/** 1 min for the first lockout, doubling each time, at most a day. */
export function lockDuration(lockoutsSoFar: number): number {
  return Math.min(FIRST_LOCK_MS * 2 ** Math.max(0, lockoutsSoFar), MAX_LOCK_MS);
}

/** A random 256-bit bearer secret (sessions, reset links). */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** Tokens are stored as SHA-256: they are random, so no salt or slow hash is needed. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('base64url');

export function csrfToken(secret: string, sessionId: string): string {
  return createHmac('sha256', secret).update(`csrf:${sessionId}`).digest('base64url');
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface SessionTimes {
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

export function sessionActive(s: SessionTimes, now: Date, idleMinutes: number): boolean {
  return !s.revokedAt && s.expiresAt > now && now.getTime() - s.lastSeenAt.getTime() < idleMinutes * 60_000;
}
