/**
 * Robustness harness: walks every operation in the app's own OpenAPI document (so new routes are covered
 * without touching this file) and throws generated malformed input at it. Whatever arrives, the answer
 * is never a 5xx, a 4xx is problem+json with a `code`, and no body shows a stack trace.
 * Runs on the real app plus the test-only POST /api/v1/echo, so the JSON-body path is fuzzed too.
 */
import type { InjectOptions } from 'fastify';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createEchoApp } from './helpers/echo-app.ts';
import {
  contentType,
  expectSafeAnswer,
  INJECTIONS,
  jsonBody,
  pathParam,
  queryString,
  rawBody,
} from './helpers/malformed.ts';

/** Per operation; 2 cores run the whole file in well under 30 s. */
const RUNS = 300;

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type Method = (typeof METHODS)[number];

interface Operation {
  method: Method;
  path: string;
  pathParams: string[];
  queryParams: string[];
  /** Top-level field names of the JSON body, or null when the operation takes no body. */
  bodyFields: string[] | null;
}

interface Schema {
  $ref?: string;
  properties?: Record<string, unknown>;
}
interface OperationObject {
  parameters?: { in: string; name: string }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
interface OpenApiDoc {
  paths: Record<string, Partial<Record<Method, OperationObject>>>;
  components?: { schemas?: Record<string, Schema> };
}

function resolve(doc: OpenApiDoc, schema: Schema | undefined): Schema | undefined {
  const name = schema?.$ref?.replace('#/components/schemas/', '');
  return name ? doc.components?.schemas?.[name] : schema;
}

function operationsOf(doc: OpenApiDoc): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const op = item[method];
      if (!op) return [];
      const body = op.requestBody?.content?.['application/json']?.schema;
      return [
        {
          method,
          path,
          pathParams: [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!),
          queryParams: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
          bodyFields: op.requestBody ? Object.keys(resolve(doc, body)?.properties ?? {}) : null,
        },
      ];
    }),
  );
}

interface Generated {
  params: string[];
  query: string;
  body: string | undefined;
  type: string;
  requestId: string | undefined;
}

function generated(op: Operation): fc.Arbitrary<Generated> {
  const n = op.pathParams.length;
  return fc.record({
    params: fc.array(pathParam, { minLength: n, maxLength: n }),
    query: fc.option(queryString(op.queryParams), { nil: '' }),
    body: op.bodyFields ? fc.oneof(jsonBody(op.bodyFields), rawBody) : fc.constant(undefined),
    type: contentType,
    requestId: fc.option(fc.constantFrom(...INJECTIONS), { nil: undefined }),
  });
}

/** Substitutes the (already encoded) path parameters into the OpenAPI template `{id}`. */
function toRequest(op: Operation, g: Generated): InjectOptions & { url: string } {
  let i = 0;
  const path = op.path.replace(/\{[^}]+\}/g, () => g.params[i++] ?? '');
  const headers: Record<string, string> = {};
  if (g.requestId !== undefined) headers['x-request-id'] = g.requestId;
  if (g.body !== undefined) headers['content-type'] = g.type;
  return {
    method: op.method.toUpperCase(),
    url: g.query ? `${path}?${g.query}` : path,
    headers,
    ...(g.body !== undefined ? { payload: g.body } : {}),
  };
}

function survives(op: Operation, params: fc.Parameters<[Generated]>): Promise<void> {
  return fc.assert(
    fc.asyncProperty(generated(op), async (g) => {
      const request = toRequest(op, g);
      const res = await t.app.inject(request);
      expectSafeAnswer(res, `${request.method} ${request.url.slice(0, 300)}`);
    }),
    params,
  );
}

// Top-level await: the operations to test come from the running app's document.
const t = await createEchoApp();
afterAll(() => t.close());
const doc = (await t.app.inject('/api/openapi.json')).json<OpenApiDoc>();
const operations = operationsOf(doc);

describe('every documented operation survives malformed input', () => {
  it('finds the operations to walk, including one that takes a JSON body', () => {
    const names = operations.map((op) => `${op.method} ${op.path}`);
    expect(names).toEqual(
      expect.arrayContaining(['get /api/v1/clinics/{id}', 'get /api/v1/doctors', 'post /api/v1/echo']),
    );
    expect(operations.find((op) => op.method === 'post')?.bodyFields).toContain('name');
  });

  for (const op of operations) {
    it(`${op.method.toUpperCase()} ${op.path}`, () => survives(op, { numRuns: RUNS }));
  }

  it('fails when a route throws (the harness can catch a 500)', async () => {
    const exploding: Operation = {
      method: 'get',
      path: '/api/v1/echo/explode',
      pathParams: [],
      queryParams: [],
      bodyFields: null,
    };
    await expect(
      survives(exploding, { numRuns: 5, endOnFailure: true, includeErrorInReport: true }),
    ).rejects.toThrow(/→ 500/);
  });
});
