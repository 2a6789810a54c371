import { and, eq, sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import {
  createCast,
  signIn,
  strongPassword,
  type Cast,
  type SignedIn,
} from '../../../../test/helpers/fixtures.ts';
import { queryRows } from '../../db/client.ts';
import { appointments, auditEvents, diagnoses, outbox, patients } from '../../db/schema/index.ts';

let t: TestApp;
let cast: Cast;
let docA: SignedIn;
let docB: SignedIn;
let admin: SignedIn;
let patB: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  cast = await createCast(t.database.db);
  [docA, docB, admin, patB] = await Promise.all([
    signIn(t.app, cast.doctorA),
    signIn(t.app, cast.doctorB),
    signIn(t.app, cast.admin),
    signIn(t.app, cast.patientB),
  ]);
});
afterAll(() => t.close());

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
const api = (
  method: Method,
  url: string,
  who: SignedIn | { headers: Record<string, string> },
  payload?: object,
) => t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });
const ok = async (res: Promise<LightMyRequestResponse>) => {
  const r = await res;
  if (r.statusCode >= 300) throw new Error(`${String(r.statusCode)} ${r.body}`);
  return r.json<Record<string, unknown>>();
};

describe('registering and changing demographics', () => {
  const person = { name: 'Elisa Prado', gender: 'F', birthDate: '1991-09-10', neighbourhood: 'Centro' };

  it('lets an admin register a patient, refusing a birth date in the future (422, nothing written)', async () => {
    const created = await api('POST', '/patients', admin, {
      ...person,
      phone: '+55 27 3333-1111',
      diabetes: true,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ ...person, diabetes: true, hasAccount: false, erasedAt: null });
    const before = await t.database.db.select({ id: patients.id }).from(patients);
    const future = await api('POST', '/patients', admin, { ...person, birthDate: '2999-01-01' });
    expect(future.json()).toMatchObject({
      code: 'patient.birth_date_future',
      errors: [{ path: 'body.birthDate' }],
    });
    expect(await t.database.db.select({ id: patients.id }).from(patients)).toHaveLength(before.length);
  });

  it('lets an admin correct demographics but not health attributes', async () => {
    const url = `/patients/${cast.patientB.id}`;
    expect((await api('PATCH', url, admin, { name: 'Diego Rocha Filho' })).json()).toMatchObject({
      name: 'Diego Rocha Filho',
    });
    const health = await api('PATCH', url, admin, { hypertension: true });
    expect([health.statusCode, health.json<{ code: string }>().code]).toEqual([
      403,
      'patient.clinical_fields',
    ]);
    expect((await api('PATCH', url, patB, { hypertension: true })).json()).toMatchObject({
      hypertension: true,
    });
  });
});

/** For each value, the tables (all schemas) with a row whose text contains it, in any case: one scan per table. */
async function tablesContaining(values: string[]): Promise<Record<string, string[]>> {
  const tables = await queryRows<{ schema: string; name: string }>(
    t.database.db,
    sql`select table_schema as schema, table_name as name from information_schema.tables
        where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`,
  );
  const found: Record<string, string[]> = Object.fromEntries(values.map((v) => [v, []]));
  const counts = sql.join(
    values.map(
      (v, i) =>
        sql`count(*) filter (where strpos(lower(t::text), lower(${v})) > 0)::int as ${sql.identifier(`v${String(i)}`)}`,
    ),
    sql`, `,
  );
  for (const { schema, name } of tables) {
    const table = sql`${sql.identifier(schema)}.${sql.identifier(name)}`;
    const [row] = await queryRows<Record<string, number>>(
      t.database.db,
      sql`select ${counts} from ${table} as t`,
    );
    values.forEach((v, i) => {
      if (row![`v${String(i)}`]! > 0) found[v]!.push(`${schema}.${name}`);
    });
  }
  return found;
}

describe('erasure on request', () => {
  const yolanda = {
    name: 'Yolanda Quintana-Ferraz',
    email: 'yolanda.qf@example.org',
    phone: '+55 27 98765-4321',
    birthDate: '1984-07-19',
    gender: 'F',
    neighbourhood: 'Jardim da Penha',
  };
  const address = 'Rua das Palmeiras 123, apto 4';
  let self: SignedIn;
  let patientId: string;
  let code: string;

  beforeAll(async () => {
    const signup = await ok(
      api('POST', '/auth/signup', { headers: {} }, { ...yolanda, password: strongPassword() }),
    );
    self = {
      token: signup.token as string,
      csrfToken: '',
      cookie: '',
      headers: { authorization: `Bearer ${String(signup.token)}` },
    };
    patientId = (signup.user as { patientId: string }).patientId;
    code = (await ok(api('PATCH', `/patients/${patientId}`, self, { address }))).code as string;
    // Her history: a visit in her own words, consent, a record naming her, an amendment, an emergency, a rating.
    const [visit] = await t.database.db
      .insert(appointments)
      .values({
        doctorId: cast.doctorA.id,
        patientId,
        clinicId: cast.clinicId,
        startsAt: new Date('2026-01-12T13:00:00Z'),
        endsAt: new Date('2026-01-12T13:30:00Z'),
        status: 'completed',
        reason: `Dizzy spells; call ${yolanda.phone}`,
      })
      .returning();
    const asked = await ok(api('POST', `/patients/${patientId}/consent-requests`, docA));
    await ok(api('POST', `/consent-requests/${String(asked.id)}/approve`, self));
    const record = await ok(
      api('POST', `/patients/${patientId}/encounters`, docA, {
        appointmentId: visit!.id,
        reason: `${yolanda.name} reports dizziness`,
        diagnoses: [{ code: 'R42' }],
        notes: [{ body: `${yolanda.name} lives at ${address}; email ${yolanda.email}.` }],
        billingLines: [{ description: 'Consultation', amount: '180.00', currency: 'BRL' }],
      }),
    );
    const note = (record.notes as { id: string }[])[0]!.id;
    await ok(
      api('POST', `/notes/${note}/amendments`, docA, {
        version: 1,
        reason: `Asked by ${yolanda.email}`,
        changes: { body: 'Dizziness on standing.' },
      }),
    );
    await ok(
      api('POST', `/patients/${patientId}/emergency-access`, docB, {
        reason: `${yolanda.name} fainted in the lobby`,
      }),
    );
    await ok(
      api('POST', '/ratings', self, {
        appointmentId: visit!.id,
        score: 5,
        comment: `Thanks from ${yolanda.name}`,
      }),
    );
  });

  it('is refused to other patients and to doctors (403, audited)', async () => {
    expect((await api('DELETE', `/patients/${patientId}`, patB)).statusCode).toBe(403);
    expect((await api('DELETE', `/patients/${patientId}`, docA)).statusCode).toBe(403);
    const denied = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'patient.erase'), eq(auditEvents.outcome, 'denied')));
    expect(denied.map((a) => a.patientId)).toEqual([patientId]);
  });

  it('removes her identity from every table, keeps the clinical and billing facts, and is audited', async () => {
    // The scan finds her everywhere she was written down (so an empty scan afterwards means something).
    const identity = [yolanda.name, yolanda.email, yolanda.phone, address, yolanda.birthDate];
    const before = await tablesContaining(identity);
    expect(before[yolanda.name]).toEqual(
      expect.arrayContaining([
        'public.patients',
        'public.users',
        'public.encounters',
        'public.record_revisions',
        'public.consent_grants',
        'public.ratings',
      ]),
    );
    expect(before[yolanda.phone]).toEqual(expect.arrayContaining(['public.appointments']));
    expect(before[address]).toEqual(['public.patients', 'public.record_revisions']);
    const billingBefore = await ok(api('GET', `/patients/${patientId}/billing`, admin));
    const erased = await api('DELETE', `/patients/${patientId}`, self);
    expect(erased.statusCode).toBe(200);
    expect(erased.json()).toMatchObject({ id: patientId, code });

    expect(await tablesContaining(identity)).toEqual(Object.fromEntries(identity.map((v) => [v, []])));

    const [row] = await t.database.db.select().from(patients).where(eq(patients.id, patientId));
    expect(row).toMatchObject({
      name: 'Erased patient',
      birthDate: '1984-01-01',
      gender: 'F',
      neighbourhood: 'Jardim da Penha',
      userId: null,
    });
    expect(row?.erasedAt).toBeInstanceOf(Date);
    expect(
      await t.database.db
        .select({ code: diagnoses.code })
        .from(diagnoses)
        .where(eq(diagnoses.patientId, patientId)),
    ).toEqual([{ code: 'R42' }]);
    expect(await ok(api('GET', `/patients/${patientId}/billing`, admin))).toEqual(billingBefore);
    const timeline = await ok(api('GET', `/patients/${code}/timeline?kind=encounter`, docA));
    expect(timeline.items).toEqual([expect.objectContaining({ reason: '[erased] reports dizziness' })]);

    const [audit] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'patient.erase'), eq(auditEvents.outcome, 'allowed')));
    expect(audit).toMatchObject({ patientId, details: { accountDeleted: true } });
    const [event] = await t.database.db.select().from(outbox).where(eq(outbox.topic, 'patient.erased'));
    expect(event?.payload).toMatchObject({ patientId });
  });

  it('ends her sessions, closes the record to new data, and cannot be claimed by a new account', async () => {
    expect((await api('GET', '/auth/me', self)).statusCode).toBe(401);
    const again = await api('DELETE', `/patients/${patientId}`, admin);
    expect([again.statusCode, again.json<{ code: string }>().code]).toEqual([410, 'patient.erased']);
    const write = await api('POST', `/patients/${patientId}/encounters`, docA, { reason: 'Follow-up' });
    expect([write.statusCode, write.json<{ code: string }>().code]).toEqual([410, 'patient.erased']);
    expect((await api('PATCH', `/patients/${patientId}`, admin, { name: 'Someone' })).statusCode).toBe(410);
    const claim = await api(
      'POST',
      '/auth/signup',
      { headers: {} },
      {
        ...yolanda,
        email: 'someone.else@example.org',
        birthDate: '1984-01-01',
        patientCode: code,
        password: strongPassword(),
      },
    );
    expect(claim.json()).toMatchObject({ status: 422, code: 'auth.patient_not_claimable' });
    const [row] = await t.database.db
      .select({ userId: patients.userId })
      .from(patients)
      .where(eq(patients.id, patientId));
    expect(row?.userId).toBeNull();
  });
});
