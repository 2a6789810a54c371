/** The web app's routes on the Fastify app: client routes get the page; API, FHIR and asset misses stay 404 problems. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('serving the web app', () => {
  it.each([
    '/',
    '/signin',
    '/find',
    '/patient',
    '/patient/timeline',
    '/doctor/patients/P0001',
    '/admin/users',
  ])('answers the client route %s with an HTML page', async (url) => {
    const res = await t.app.inject({ url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toMatch(/<title>HealthSync<\/title>/);
  });

  it.each(['/api/v1/no-such-thing', '/fhir/R4/Nothing', '/healthz', '/patients', '/assets/no-such-file.js'])(
    'keeps %s a 404 problem, not the page',
    async (url) => {
      const res = await t.app.inject({ url });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json<{ code: string }>().code).toBe('route.not_found');
    },
  );
});
