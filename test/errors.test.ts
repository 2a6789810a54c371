/** The error model of DESIGN.md §5, as a client sees it: problem+json with a stable code, never a stack. */
import type { LightMyRequestResponse } from 'fastify';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEchoApp, EXPLODE_SECRET, type Seeded } from './helpers/echo-app.ts';
import type { TestApp } from './helpers/app.ts';
import { leaksInternals } from './helpers/malformed.ts';

let t: TestApp;
let seeded: Seeded;
beforeAll(async () => {
  ({ seeded, ...t } = await createEchoApp());
});
afterAll(() => t.close());

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  requestId: string;
  errors?: { path: string; message: string }[];
}

function expectProblem(res: LightMyRequestResponse, status: number, code: string): ProblemBody {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const requestId = res.headers['x-request-id'];
  expect(requestId).toBeTypeOf('string');
  const body = res.json<ProblemBody>();
  expect(body).toMatchObject({ status, code, requestId });
  expect(body.type).toMatch(/^https:\/\/\S+$/);
  expect(body.title).toBeTypeOf('string');
  expect(body.detail).toBeTypeOf('string');
  expect(leaksInternals(res.body)).toBe(false);
  return body;
}

const paths = (body: ProblemBody): string[] => (body.errors ?? []).map((e) => e.path);
const get = (url: string) => t.app.inject({ method: 'GET', url });
const postEcho = (payload: string | object, contentType = 'application/json') =>
  t.app.inject({ method: 'POST', url: '/api/v1/echo', payload, headers: { 'content-type': contentType } });

describe('validation errors (400)', () => {
  it.each(['abc', '0', '101', '2.5', '-1'])('rejects limit=%s naming query.limit', async (limit) => {
    const body = expectProblem(await get(`/api/v1/doctors?limit=${limit}`), 400, 'validation.failed');
    expect(paths(body)).toEqual(['query.limit']);
    expect(body.errors?.[0]?.message).toEqual(expect.any(String));
  });

  it('lists every bad field, not only the first', async () => {
    const body = expectProblem(await get('/api/v1/clinics?limit=0&cursor=%25%25'), 400, 'validation.failed');
    expect(paths(body).sort()).toEqual(['query.cursor', 'query.limit']);
  });

  it.each([
    ['not base64 JSON', 'abc'],
    ['a forged key', Buffer.from(JSON.stringify(['Ana', 'not-a-uuid'])).toString('base64url')],
  ])('rejects a cursor the server did not issue (%s), naming query.cursor', async (_label, cursor) => {
    const body = expectProblem(await get(`/api/v1/doctors?cursor=${cursor}`), 400, 'validation.failed');
    expect(paths(body)).toEqual(['query.cursor']);
  });

  it.each(['/api/v1/clinics/not-an-id', '/api/v1/doctors/C0001', '/api/v1/doctors/%20'])(
    'rejects a malformed id in %s naming params.id',
    async (url) => {
      expect(paths(expectProblem(await get(url), 400, 'validation.failed'))).toEqual(['params.id']);
    },
  );

  it('names each bad body field', async () => {
    expect(paths(expectProblem(await postEcho({}), 400, 'validation.failed'))).toEqual(['body.name']);
    const body = expectProblem(await postEcho({ name: 42, age: 'old' }), 400, 'validation.failed');
    expect(paths(body).sort()).toEqual(['body.age', 'body.name']);
  });

  it('does not echo query values (they may hold patient data) in the error body', async () => {
    const res = await get('/api/v1/doctors?limit=abc&q=Maria%20Silva');
    expectProblem(res, 400, 'validation.failed');
    expect(res.body).not.toContain('Maria');
  });

  it('answers 400, not 500, for a NUL character that PostgreSQL cannot store', async () => {
    expectProblem(await get('/api/v1/clinics?q=a%00b'), 400, 'validation.format');
  });
});

describe('access before input rules', () => {
  it('answers 401 to an anonymous write before looking at its body', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/patients/P0001',
      payload: { phone: 42 },
    });
    expectProblem(res, 401, 'auth.required');
  });
});

describe('request-level errors', () => {
  it('rejects malformed JSON with 400 request.malformed_json', async () => {
    expectProblem(await postEcho('{"name": "Ana",'), 400, 'request.malformed_json');
  });

  it('rejects an empty JSON body with 400 request.empty_body', async () => {
    expectProblem(await postEcho(''), 400, 'request.empty_body');
  });

  it('rejects a body over the limit with 413 request.too_large', async () => {
    const huge = JSON.stringify({ name: 'x'.repeat(1024 * 1024) });
    expectProblem(await postEcho(huge), 413, 'request.too_large');
  });

  it('rejects an unsupported content type with 415 request.unsupported_media_type', async () => {
    expectProblem(
      await postEcho('<name>Ana</name>', 'application/xml'),
      415,
      'request.unsupported_media_type',
    );
  });

  it('rejects bad percent-encoding in the path with 400 request.bad_url', async () => {
    expectProblem(await get('/api/v1/clinics/%zz'), 400, 'request.bad_url');
    expectProblem(await get('/api/v1/doctors/%ED%A0%80'), 400, 'request.bad_url');
  });

  it('rejects an overlong path segment with 414 request.uri_too_long', async () => {
    expectProblem(await get(`/api/v1/clinics/C${'1'.repeat(300)}`), 414, 'request.uri_too_long');
  });
});

describe('routes and records that do not exist', () => {
  it.each(['/nope', '/api/v1/nope', '/api/v1/clinics/C001/nope'])(
    'answers 404 route.not_found for %s',
    async (url) => {
      expectProblem(await get(url), 404, 'route.not_found');
    },
  );

  it.each([
    ['DELETE', '/health'],
    ['DELETE', '/api/v1/clinics'],
    ['PUT', '/api/v1/doctors/D0001'],
  ] as const)('answers 405 with an Allow header for %s %s', async (method, url) => {
    const res = await t.app.inject({ method, url });
    const body = expectProblem(res, 405, 'request.method_not_allowed');
    const allow = String(res.headers.allow).split(/,\s*/);
    expect(allow).toContain('GET');
    expect(allow).not.toContain(method);
    expect(body.detail).toContain('GET');
  });

  it('answers 404 clinic.not_found for an unknown code or id, 200 for a known one', async () => {
    expectProblem(await get('/api/v1/clinics/C999'), 404, 'clinic.not_found');
    expectProblem(await get(`/api/v1/clinics/${randomUUID()}`), 404, 'clinic.not_found');
    expect((await get(`/api/v1/clinics/${seeded.clinic.code}`)).statusCode).toBe(200);
  });

  it('answers 404 doctor.not_found for an unknown code or id, 200 for a known one', async () => {
    expectProblem(await get('/api/v1/doctors/D9999'), 404, 'doctor.not_found');
    expectProblem(await get(`/api/v1/doctors/${randomUUID()}`), 404, 'doctor.not_found');
    expect((await get(`/api/v1/doctors/${seeded.doctor.id}`)).statusCode).toBe(200);
  });
});

describe('unexpected failures and request ids', () => {
  it('answers a bare 500 that reveals nothing about the failure', async () => {
    const res = await get('/api/v1/echo/explode');
    expectProblem(res, 500, 'internal');
    expect(res.body).not.toContain(EXPLODE_SECRET);
    expect(res.body).not.toContain('node_modules');
  });

  it('gives every answer its own x-request-id, matching the problem body', async () => {
    const [a, b] = await Promise.all([get('/nope'), get('/health')]);
    expect(a.headers['x-request-id']).toBeTypeOf('string');
    expect(b.headers['x-request-id']).toBeTypeOf('string');
    expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
  });

  it('keeps a plain incoming X-Request-Id and replaces an unsafe one', async () => {
    const plain = await t.app.inject({ url: '/nope', headers: { 'x-request-id': 'trace-123.abc' } });
    expect(plain.headers['x-request-id']).toBe('trace-123.abc');
    expect(plain.json()).toMatchObject({ requestId: 'trace-123.abc' });
    const unsafe = await t.app.inject({ url: '/nope', headers: { 'x-request-id': "<script>' OR 1=1--" } });
    expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(unsafe.body).not.toContain('<script>');
  });
});

describe('injection strings are data, not code', () => {
  it('does not widen a search', async () => {
    const all = await get(`/api/v1/doctors?q=${encodeURIComponent("' OR 1=1--")}`);
    expect(all.statusCode).toBe(200);
    expect(all.json()).toEqual({ items: [], nextCursor: null });
    expect((await get('/api/v1/doctors?q=Ana')).json<{ items: unknown[] }>().items).toHaveLength(1);
  });

  it('round-trips a hostile string through SQL unchanged', async () => {
    const name = "'); DROP TABLE doctors;--";
    const res = await postEcho({ name });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ name });
    expect((await get(`/api/v1/doctors/${seeded.doctor.code}`)).statusCode).toBe(200);
  });
});
