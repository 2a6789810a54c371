/** Pure rules of consent by one-time code. */
import { createHmac, randomInt } from 'node:crypto';

export const CODE_TTL_MS = 10 * 60_000;
export const MAX_CODE_ATTEMPTS = 5;
export const EMERGENCY_HOURS = 4;

/** Six random digits (a CSPRNG, never Math.random). */
export const newCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');

/** Bound to the challenge id: a code hash is useless for any other challenge, and unguessable offline. */
export const codeHash = (secret: string, challengeId: string, code: string): string =>
  createHmac('sha256', secret).update(`consent:${challengeId}:${code}`).digest('base64url');

export interface ChallengeState {
  status: 'pending' | 'approved' | 'denied' | 'used' | 'burned';
  expiresAt: Date;
  failedAttempts: number;
}

export type VerifyOutcome =
  | { kind: 'granted' }
  | { kind: 'closed'; status: ChallengeState['status'] }
  | { kind: 'expired' }
  | { kind: 'wrong'; attemptsLeft: number }
  | { kind: 'burned' };

/** What entering a code does to a challenge. */
export function verifyOutcome(c: ChallengeState, now: Date, codeMatches: boolean): VerifyOutcome {
  if (c.status !== 'pending') return { kind: 'closed', status: c.status };
  if (c.expiresAt <= now) return { kind: 'expired' };
  if (codeMatches) return { kind: 'granted' };
  const attemptsLeft = MAX_CODE_ATTEMPTS - (c.failedAttempts + 1);
  return attemptsLeft <= 0 ? { kind: 'burned' } : { kind: 'wrong', attemptsLeft };
}
