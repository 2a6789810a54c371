/**
 * The web app's pages: every address a person opens — the client routes, and the links HealthSync puts in
 * its own messages (password reset, access log, an appointment, booking) — answers with the app's page,
 * while unknown addresses keep their 404 problem.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerWeb } from './web.ts';

const INDEX = '<!doctype html><title>HealthSync</title><div id="root"></div>';
let app: FastifyInstance;
let dist: string;

beforeAll(async () => {
  dist = mkdtempSync(path.join(tmpdir(), 'hs-web-'));
  writeFileSync(path.join(dist, 'index.html'), INDEX);
  app = Fastify();
  await registerWeb(app, { version: 'test', distDir: dist });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('web app pages', () => {
  it.each([
    '/account',
    '/forgot-password',
    // The link of the password-reset email (src/server/modules/auth/accounts.ts).
    '/reset-password?token=abcdefghijklmnopqrstuvwxyz0123456789',
    '/alerts',
    // Links of notifications (src/server/modules/notifications/fanout.ts and scans.ts).
    '/me/access-log',
    '/appointments/9b2f6c1e-0d8a-4c1e-9a53-2f7d2a1b4c5d',
    '/doctors',
    '/doctor/availability',
  ])('serves the app at %s', async (url) => {
    const res = await app.inject({ url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toBe(INDEX);
  });

  it('keeps the 404 for addresses that are not the app', async () => {
    for (const url of ['/no-such-page', '/resets', '/alertsx']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(404);
    }
  });
});
