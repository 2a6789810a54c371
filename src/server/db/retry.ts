/**
 * Retries work that PostgreSQL aborted to break a deadlock (40P01) or a serialization conflict (40001).
 * Concurrent inserts that hit both EXCLUDE constraints (doctor and patient) can wait on each other in
 * opposite orders; PostgreSQL then aborts one. Run again, it meets the committed winner and gets the
 * ordinary 23P01 the caller turns into 409.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { sqlState } from './errors.ts';

const RETRYABLE = new Set(['40P01', '40001']);

export async function retryOnConflict<T>(work: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      const state = sqlState(err);
      if (attempt >= attempts || !state || !RETRYABLE.has(state)) throw err;
      // Jitter so the same contenders do not collide again in lockstep.
      await sleep(Math.random() * 10 * attempt);
    }
  }
}
