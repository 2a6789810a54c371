/**
 * Keyed rate limits beside @fastify/rate-limit's per-IP hooks (that plugin runs only one of its hooks per
 * request, so a second, per-account limit on the same route needs its own counter). In-memory per process:
 * with several API replicas each keeps its own count (the account lockout in the database is shared).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../../core/errors.ts';

export interface KeyedLimit {
  points: number;
  durationSeconds: number;
  /** The counter a request spends from, e.g. the email it tries to sign in as. */
  key: (request: FastifyRequest) => string;
}

export function keyedRateLimit(
  limit: KeyedLimit,
): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  const limiter = new RateLimiterMemory({ points: limit.points, duration: limit.durationSeconds });
  return async (request, reply) => {
    try {
      await limiter.consume(limit.key(request));
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      const seconds = Math.ceil(err.msBeforeNext / 1000);
      void reply.header('retry-after', String(seconds));
      throw new AppError(429, 'request.rate_limited', 'Too many requests', {
        detail: `Too many attempts: try again in ${String(seconds)} seconds.`,
      });
    }
  };
}
