/**
 * The authorization matrix (issue 3): every route the app serves × every role (anonymous, patient A,
 * patient B, doctor A who cares for patient A, doctor B who cares for nobody, admin), checked against the
 * rules in test/helpers/authz-rules.ts. The routes come from the OpenAPI document and the router, so a new
 * route without a declared rule fails here.
 */
import type { FastifyInstance, FastifyPluginAsync, HTTPMethods, LightMyRequestResponse } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../src/server/app.ts';
import { createMetrics } from '../src/server/http/metrics.ts';
import { createTestApp, TEST_CONFIG } from './helpers/app.ts';
import {
  DOCTOR_A_HOURS,
  ROLES,
  RULES,
  type Outcome,
  type RoleName,
  type Rule,
  type SignedInRole,
  type World,
} from './helpers/authz-rules.ts';
import {
  createCast,
  createSpareAccount,
  createSparePatient,
  signIn,
  type SignedIn,
} from './helpers/fixtures.ts';

const SIGNED_IN = ROLES.filter((r): r is SignedInRole => r !== 'anonymous');

// The routes must be known when the tests are collected: the app is built at the top level.
const t = await createTestApp();
afterAll(() => t.close());
const world = await setUp();
const { documented, served, operations } = await operationsOf(t.app);
const ordered = [...operations.filter((k) => !RULES[k]?.last), ...operations.filter((k) => RULES[k]?.last)];

/** The cast, one bearer session per role (sign-in is rate-limited: made once), and spare records. */
async function setUp(): Promise<World> {
  const db = t.database.db;
  const cast = await createCast(db);
  const sessions = {} as Record<SignedInRole, SignedIn>;
  for (const role of SIGNED_IN) sessions[role] = await signIn(t.app, cast[role]);
  const victim = await signIn(t.app, cast.patientA);
  const listed = await t.app.inject({ url: '/api/v1/auth/sessions', headers: victim.headers });
  const victimSession = listed
    .json<{ items: { id: string; current: boolean }[] }>()
    .items.find((s) => s.current);
  const call = setUpCall(sessions);
  await call('doctorA', 'PUT', `/api/v1/doctors/${cast.doctorA.id}/availability`, DOCTOR_A_HOURS);
  const slots = (await call('doctorA', 'GET', `/api/v1/doctors/${cast.doctorA.id}/slots`)) as {
    items: { start: string }[];
  };
  return {
    app: t.app,
    cast,
    sessions,
    victimSessionId: victimSession!.id,
    spareUserId: (await createSpareAccount(db, 'patient', 'Gil Pereira')).userId,
    sparePatientId: (await createSparePatient(db, 'Fábio Nunes')).id,
    call,
    nextSlot: () => {
      const slot = slots.items.shift();
      if (!slot) throw new Error('Doctor A has no free slot left: widen DOCTOR_A_HOURS.');
      return slot.start;
    },
  };
}

/** Set-up calls as a role: they must succeed. */
function setUpCall(sessions: Record<SignedInRole, SignedIn>): World['call'] {
  return async (role, method, url, payload) => {
    const res = await t.app.inject({
      method,
      url,
      headers: sessions[role].headers,
      ...(payload ? { payload } : {}),
    });
    if (res.statusCode >= 300)
      throw new Error(`set-up ${method} ${url} as ${role}: ${String(res.statusCode)} ${res.body}`);
    return res.json();
  };
}

/** The operations an app serves: documented ones in document order, then undocumented ones. */
async function operationsOf(app: FastifyInstance) {
  const documented = await documentedOperations(app);
  const served = servedOperations(app);
  return { documented, served, operations: [...new Set([...documented, ...served])] };
}

/** `METHOD /path` of every operation in the OpenAPI document. */
async function documentedOperations(app: FastifyInstance): Promise<string[]> {
  const doc = (await app.inject('/api/openapi.json')).json<{
    paths: Record<string, Record<string, unknown>>;
  }>();
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`),
  );
}

/**
 * `METHOD /path` of every route the router holds, documented or not (metrics, docs UI), from
 * `printRoutes({ commonPrefix: false })`: each tree line is a segment relative to its parent, indented four
 * columns per level, methods in parentheses. HEAD routes Fastify adds beside GET routes are left out.
 */
function servedOperations(app: FastifyInstance): string[] {
  const stack: string[] = [];
  const keys: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^(.*?)[└├]── (.*?)(?: \(([^)]*)\))?$/.exec(line);
    if (!m) continue;
    stack.length = m[1]!.length / 4;
    stack.push(m[2]!);
    const path = stack.join('').replace(/:(\w+)/g, '{$1}');
    const methods = m[3]?.split(', ') ?? [];
    for (const method of methods)
      if (method !== 'HEAD' || !methods.includes('GET')) keys.push(`${method} ${path}`);
  }
  return keys;
}

function fillPath(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}|\*/g, (match, name?: string) => {
    const value = params[name ?? '*'];
    if (value === undefined) throw new Error(`The rule gives no value for ${match}: add it to its params.`);
    return name ? encodeURIComponent(value) : value;
  });
}

function problemCode(res: LightMyRequestResponse): string | undefined {
  if (!String(res.headers['content-type']).startsWith('application/problem+json')) return undefined;
  return res.json<{ code?: string }>().code;
}

/** The outcome class of a response; undefined when it says nothing about authorization (fix the rule). */
function outcomeOf(status: number, code: string | undefined): Outcome | undefined {
  if (status === 401) return 'auth';
  if (status === 403) return 'deny';
  if (status === 404) return 'hidden';
  if (status >= 500 || status === 429 || code === 'validation.failed') return undefined;
  return 'allow';
}

const accepts = (expected: Outcome, got: Outcome | undefined): boolean =>
  got === expected || (expected === 'allow' && got === 'hidden');

async function headersFor(role: RoleName, rule: Rule): Promise<Record<string, string>> {
  if (role === 'anonymous') return {};
  return rule.freshSession ? (await signIn(t.app, world.cast[role])).headers : world.sessions[role].headers;
}

/** Runs one operation as every role, in ROLES order; returns the rows that differ from the rule. */
async function mismatchesOf(key: string, rule: Rule): Promise<string[]> {
  const [method, template] = key.split(' ') as [HTTPMethods, string];
  const query = rule.query ? `?${new URLSearchParams(rule.query).toString()}` : '';
  const url = fillPath(template, (await rule.params?.(world)) ?? {}) + query;
  const mismatches: string[] = [];
  for (const role of ROLES) {
    const payload = rule.body?.(world, role) as object | undefined;
    const res = await t.app.inject({
      method,
      url,
      headers: await headersFor(role, rule),
      ...(payload ? { payload } : {}),
    });
    const code = problemCode(res);
    if (!accepts(rule.expect[role], outcomeOf(res.statusCode, code))) {
      mismatches.push(
        `${role}: expected ${rule.expect[role]}, got ${String(res.statusCode)} ${code ?? ''}`.trim(),
      );
    }
  }
  await rule.cleanup?.(world);
  return mismatches;
}

describe('cookie sessions and CSRF', () => {
  const url = () => `/api/v1/patients/${world.cast.patientA.id}`;
  const change = { address: 'Rua Sete de Setembro 70' };

  it('refuses a cookie-authenticated write without its CSRF header (403 auth.csrf) and changes nothing', async () => {
    const { cookie } = world.sessions.patientA;
    const bare = await t.app.inject({ method: 'PATCH', url: url(), headers: { cookie }, payload: change });
    expect([bare.statusCode, problemCode(bare)]).toEqual([403, 'auth.csrf']);
    // A CSRF token is bound to its session: patient B's does not work with patient A's cookie.
    const headers = { cookie, 'x-csrf-token': world.sessions.patientB.csrfToken };
    const foreign = await t.app.inject({ method: 'PATCH', url: url(), headers, payload: change });
    expect([foreign.statusCode, problemCode(foreign)]).toEqual([403, 'auth.csrf']);
    // Reads need no header.
    const read = await t.app.inject({ url: url(), headers: { cookie } });
    expect(read.statusCode).toBe(200);
    expect(read.json<{ address: string | null }>().address).not.toBe(change.address);
  });

  it('accepts the same write with the CSRF header from sign-in', async () => {
    const { cookie, csrfToken } = world.sessions.patientA;
    const headers = { cookie, 'x-csrf-token': csrfToken };
    const res = await t.app.inject({ method: 'PATCH', url: url(), headers, payload: change });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ address: string | null }>().address).toBe(change.address);
  });
});

describe('the operator network', () => {
  it('refuses /metrics to a caller outside it, even a signed-in admin', async () => {
    const headers = world.sessions.admin.headers;
    const res = await t.app.inject({ url: '/metrics', headers, remoteAddress: '203.0.113.9' });
    expect([res.statusCode, problemCode(res)]).toEqual([403, 'access.operator_only']);
  });
});

describe('authorization matrix', () => {
  it('finds every documented operation in the router and declares no rule for a route that is gone', () => {
    console.log(
      `authorization matrix: ${String(operations.length)} operations × ${String(ROLES.length)} roles = ` +
        `${String(operations.length * ROLES.length)} checks (${String(documented.length)} operations documented)`,
    );
    expect(documented.filter((k) => !served.includes(k))).toEqual([]);
    expect(Object.keys(RULES).filter((k) => !operations.includes(k))).toEqual([]);
  });

  it('discovers a new route, documented or hidden, so that it needs a rule', async () => {
    const extra: FastifyPluginAsync = async (api) => {
      api.get('/reports/monthly', { config: { access: { roles: ['admin'] } } }, () => ({}));
      api.post('/internal/reindex', { config: { access: 'operator' }, schema: { hide: true } }, () => ({}));
    };
    const deps = { config: TEST_CONFIG, database: t.database, jobs: t.jobs, metrics: createMetrics() };
    const app = await build({ ...deps, extraPlugins: [extra] });
    try {
      const added = (await operationsOf(app)).operations.filter((k) => !operations.includes(k));
      expect(added.sort()).toEqual(['GET /api/v1/reports/monthly', 'POST /api/v1/internal/reindex']);
      expect(added.filter((k) => RULES[k])).toEqual([]);
    } finally {
      await app.close();
    }
  });

  for (const key of ordered) {
    it(key, async () => {
      const rule = RULES[key];
      if (!rule) {
        throw new Error(
          `${key} has no authorization rule: declare who may call it in test/helpers/authz-rules.ts.`,
        );
      }
      expect(await mismatchesOf(key, rule)).toEqual([]);
    });
  }
});
