import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('system endpoints', () => {
  it('answers /health', async () => {
    const res = await t.app.inject('/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok' });
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('reports database and jobs ready', async () => {
    const res = await t.app.inject('/ready');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      status: 'ready',
      checks: { database: 'ok', jobs: 'ok' },
      // No channel is configured in tests: reported, and readiness is not affected.
      details: {
        notificationChannels: {
          in_app: 'configured',
          email: 'not_configured',
          telegram: 'not_configured',
          slack: 'not_configured',
          sms: 'not_configured',
        },
      },
    });
  });

  it('sends security headers on every reply, errors included', async () => {
    for (const url of ['/health', '/api/v1/nowhere']) {
      const res = await t.app.inject(url);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    }
  });

  it('exposes Prometheus metrics: process defaults and requests by route pattern and status', async () => {
    await t.app.inject('/api/v1/doctors/D9999');
    const res = await t.app.inject('/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toContain('process_cpu_user_seconds_total');
    expect(res.body).toMatch(
      /http_requests_total\{method="GET",route="\/api\/v1\/doctors\/:id",status_code="404"\} 1/,
    );
    expect(res.body).toContain('http_request_duration_seconds_bucket');
    // Route patterns, never raw URLs: ids would explode the label set.
    expect(res.body).not.toContain('D9999');
  });

  it('reports unavailable, naming the failing check, when the database is gone', async () => {
    const own = await createTestApp();
    await own.database.close();
    const res = await own.app.inject('/ready');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ status: 'unavailable', checks: { database: 'failing' } });
    await own.app.close();
    await own.jobs.stop().catch(() => undefined);
  });
});
