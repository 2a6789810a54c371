/** The published API description: a valid OpenAPI 3.1 document that lists every route the app serves. */
import { compileErrors, validate } from '@readme/openapi-parser';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_SECTIONS } from '../src/server/http/web.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';

interface Operation {
  summary?: string;
  responses?: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
}
interface OpenApiDoc {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
}

/** Served on purpose without an entry in the document: the document itself, its UI, metrics, the home page. */
const UNDOCUMENTED = [
  /^\/$/,
  /^\/metrics$/,
  /^\/api\/openapi\.json$/,
  /^\/api\/docs(\/|$)/,
  // The web app's pages and assets (src/server/http/web.ts).
  ...CLIENT_SECTIONS.map((section) => new RegExp(`^${section}(/|/\\*)?$`)),
  /^\/assets\/\*?$/,
  /^\/favicon\.svg$/,
];

let t: TestApp;
let doc: OpenApiDoc;
beforeAll(async () => {
  t = await createTestApp();
  const res = await t.app.inject('/api/openapi.json');
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  doc = res.json<OpenApiDoc>();
});
afterAll(() => t.close());

/**
 * Every (path, method) the router holds, from `printRoutes({ commonPrefix: false })`: each tree line is a
 * segment relative to its parent, indented four columns per level, methods in parentheses.
 */
function servedRoutes(app: FastifyInstance): { path: string; method: string }[] {
  const stack: string[] = [];
  const routes: { path: string; method: string }[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^(.*?)[└├]── (.*?)(?: \(([^)]*)\))?$/.exec(line);
    if (!m) continue;
    stack.length = m[1]!.length / 4;
    stack.push(m[2]!);
    const path = stack.join('').replace(/:(\w+)/g, '{$1}');
    for (const method of m[3]?.split(', ') ?? []) routes.push({ path, method });
  }
  return routes;
}

const operations = (): [string, string, Operation][] =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]): [string, string, Operation] => [path, method, op]),
  );

describe('GET /api/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi.startsWith('3.1')).toBe(true);
    // validate() dereferences in place: give it a copy.
    const result = await validate(structuredClone(doc) as Parameters<typeof validate>[0]);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
  });

  it('documents the system and directory endpoints', () => {
    for (const path of [
      '/health',
      '/ready',
      '/api/v1/clinics',
      '/api/v1/clinics/{id}',
      '/api/v1/doctors',
      '/api/v1/doctors/{id}',
      '/api/v1/specialties',
    ]) {
      expect(doc.paths[path]?.get, path).toBeDefined();
    }
  });

  it('documents every route the app serves', () => {
    const routes = servedRoutes(t.app);
    // Guards the parser: a format change in printRoutes must not make this test vacuous.
    expect(routes).toContainEqual({ path: '/api/v1/doctors/{id}', method: 'GET' });
    const missing = routes
      .filter((r) => r.method !== 'HEAD' && !UNDOCUMENTED.some((re) => re.test(r.path)))
      .filter((r) => doc.paths[r.path]?.[r.method.toLowerCase()] === undefined)
      .map((r) => `${r.method} ${r.path}`);
    expect(missing).toEqual([]);
  });

  it('documents only routes the app serves', () => {
    for (const [path, method] of operations()) {
      const url = path.replace(/\{(\w+)\}/g, ':$1');
      expect(t.app.hasRoute({ method: method.toUpperCase(), url }), `${method} ${path}`).toBe(true);
    }
  });

  it('gives every operation a summary and a 200 or 4xx response', () => {
    for (const [path, method, op] of operations()) {
      expect(op.summary?.trim(), `${method} ${path} summary`).toBeTruthy();
      const statuses = Object.keys(op.responses ?? {});
      expect(
        statuses.some((s) => s === '200' || /^4\d\d$/.test(s)),
        `${method} ${path} responses`,
      ).toBe(true);
    }
  });

  it('describes every documented 4xx answer with the Problem schema', () => {
    for (const [path, method, op] of operations()) {
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        if (!/^4\d\d$/.test(status)) continue;
        const refs = Object.values(response.content ?? {}).map((c) => c.schema?.$ref);
        expect(refs, `${method} ${path} ${status}`).toContain('#/components/schemas/Problem');
      }
    }
  });
});

describe('GET /api/docs', () => {
  it('serves the Swagger UI page', async () => {
    const res = await t.app.inject('/api/docs');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toMatch(/swagger-ui/i);
  });
});
