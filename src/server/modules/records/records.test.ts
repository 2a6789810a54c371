import { and, eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSafeAnswer, jsonBody } from '../../../../test/helpers/malformed.ts';
import type { SignedIn } from '../../../../test/helpers/fixtures.ts';
import { appointments, auditEvents } from '../../db/schema/index.ts';
import type { EncounterRecord } from './schema.ts';
import {
  amendEntry,
  createEncounter,
  problemOf,
  recordCounts,
  recordsWorld,
  VISIT,
  type RecordsWorld,
} from './test-support.ts';

let w: RecordsWorld;
beforeAll(async () => {
  w = await recordsWorld();
});
afterAll(() => w.close());

const create = (who: SignedIn, body: object = VISIT) => createEncounter(w, who, body);
const amend = (who: SignedIn, path: string, id: string, changes: object) =>
  amendEntry(w, who, [path, id], changes);

async function deniedWrites(): Promise<number> {
  const [row] = await w.t.database.db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.patientId, w.cast.patientA.id),
        eq(auditEvents.outcome, 'denied'),
        sql`${auditEvents.action} in ('records.write', 'records.amend')`,
      ),
    );
  return row!.n;
}

const problem = problemOf;

describe('writing an encounter', () => {
  let grant: string;

  it('records every kind of entry once doctor A holds the patient’s consent', async () => {
    grant = await w.grantConsentOfA();
    const res = await create(w.docA);
    expect(res.statusCode).toBe(201);
    const record = res.json<EncounterRecord>();
    expect(record.encounter).toMatchObject({ kind: 'encounter', version: 1, reason: 'Chest pain on stairs' });
    expect(record.encounter.recordedBy).toEqual({ id: w.cast.doctorA.id, name: 'Dr Ana Souza' });
    expect(record.diagnoses.map((d) => [d.code, d.text])).toEqual([
      ['I20.9', 'Angina pectoris, unspecified'],
      ['E11.9', 'Type 2 diabetes, diet-controlled'],
    ]);
    expect(record.labResults.map((l) => [l.value, l.unit, l.abnormal])).toEqual([
      [131, 'mg/dL', true],
      ['No growth', null, null],
    ]);
    expect(record.billingLines.map((b) => [b.amount, b.currency])).toEqual([
      ['250.00', 'BRL'],
      ['80.50', 'BRL'],
    ]);
    expect(record.prescriptions[0]).toMatchObject({ route: 'oral', durationDays: 30, instructions: null });
    const audit = await w.t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'records.write'), eq(auditEvents.outcome, 'allowed')));
    expect(audit.map((a) => a.details?.encounterId)).toContain(record.encounter.id);
  });

  it('refuses every write without consent or emergency access (403, audited, nothing written), then allows each with either', async () => {
    const record = (
      await w.api('GET', `/patients/${w.cast.patientA.id}/timeline?kind=encounter`, w.docA)
    ).json<{ items: { id: string }[] }>().items[0]!;
    const rec = (await w.api('GET', `/encounters/${record.id}`, w.docA)).json<EncounterRecord>();
    const writes: [string, (who: SignedIn, n: number) => ReturnType<RecordsWorld['api']>][] = [
      ['create an encounter', (who, n) => create(who, { ...VISIT, reason: `Visit ${String(n)}` })],
      [
        'add entries',
        (who, n) =>
          w.api('POST', `/encounters/${rec.encounter.id}/entries`, who, {
            notes: [{ body: `Call ${String(n)}` }],
          }),
      ],
      [
        'amend the encounter',
        (who, n) => amend(who, 'encounters', rec.encounter.id, { reason: `Pain ${String(n)}` }),
      ],
      [
        'amend a diagnosis',
        (who, n) => amend(who, 'diagnoses', rec.diagnoses[1]!.id, { text: `Diabetes ${String(n)}` }),
      ],
      [
        'amend a prescription',
        (who, n) =>
          amend(who, 'prescriptions', rec.prescriptions[0]!.id, { instructions: `After meals ${String(n)}` }),
      ],
      [
        'amend a lab result',
        (who, n) => amend(who, 'lab-results', rec.labResults[0]!.id, { value: 120 + n }),
      ],
      [
        'amend a note',
        (who, n) => amend(who, 'notes', rec.notes[0]!.id, { body: `Exertional pain ${String(n)}` }),
      ],
      [
        'amend a billing line',
        (who, n) =>
          amend(who, 'billing-lines', rec.billingLines[0]!.id, { description: `Visit fee ${String(n)}` }),
      ],
    ];
    await w.revokeGrant(grant);
    const before = await recordCounts(w);
    const deniedBefore = await deniedWrites();
    for (const [what, write] of writes) {
      for (const who of [w.docA, w.docB]) {
        const res = await write(who, 0);
        expect([what, res.statusCode, problem(res).code]).toEqual([what, 403, 'consent.required']);
      }
      // Admins and patients are stopped by the route's roles before any look-up.
      for (const who of [w.admin, w.patA])
        expect([what, (await write(who, 0)).statusCode]).toEqual([what, 403]);
    }
    const after = await recordCounts(w);
    expect({ ...after, auditEvents: 0 }).toEqual({ ...before, auditEvents: 0 });
    expect((await deniedWrites()) - deniedBefore).toBe(writes.length * 2);

    grant = await w.grantConsentOfA();
    for (const [what, write] of writes)
      expect([what, (await write(w.docA, 1)).statusCode < 300]).toEqual([what, true]);
    await w.revokeGrant(grant);
    const reason = { reason: 'Collapsed in the waiting room; history needed now.' };
    const broke = await w.api('POST', `/patients/${w.cast.patientA.id}/emergency-access`, w.docB, reason);
    expect(broke.statusCode).toBe(201);
    for (const [what, write] of writes)
      expect([what, (await write(w.docB, 2)).statusCode < 300]).toEqual([what, true]);
    // Patient A ends the emergency access: doctor B is refused again.
    await w.revokeGrant(broke.json<{ id: string }>().id);
    expect(problem(await writes[0]![1](w.docB, 3)).code).toBe('consent.required');
  });
});

describe('bad input', () => {
  let grant: string;
  beforeAll(async () => {
    grant = await w.grantConsentOfA();
  });
  afterAll(() => w.revokeGrant(grant));

  const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
  const lab = VISIT.labResults[0]!;
  const bill = VISIT.billingLines[0]!;
  const cases: [string, object, string, string][] = [
    [
      'an unknown ICD-10 code',
      { diagnoses: [{ code: 'E11.99X' }] },
      'body.diagnoses.0.code',
      'icd10.unknown_code',
    ],
    [
      'a category, not a billable code',
      { diagnoses: [{ code: 'E11' }] },
      'body.diagnoses.0.code',
      'icd10.unknown_code',
    ],
    [
      'a negative amount',
      { billingLines: [{ ...bill, amount: '-5.00' }] },
      'body.billingLines.0.amount',
      'billing.invalid_amount',
    ],
    [
      'a negative number amount',
      { billingLines: [{ ...bill, amount: -5 }] },
      'body.billingLines.0.amount',
      'billing.invalid_amount',
    ],
    [
      'a non-numeric amount',
      { billingLines: [{ ...bill, amount: '12,50' }] },
      'body.billingLines.0.amount',
      'billing.invalid_amount',
    ],
    [
      'fractions of a cent',
      { billingLines: [{ ...bill, amount: '1.005' }] },
      'body.billingLines.0.amount',
      'billing.invalid_amount',
    ],
    [
      'an unknown currency',
      { billingLines: [{ ...bill, currency: 'XYZ' }] },
      'body.billingLines.0.currency',
      'billing.unknown_currency',
    ],
    [
      'a numeric lab value without unit',
      { labResults: [{ ...lab, unit: null }] },
      'body.labResults.0.unit',
      'lab.unit_mismatch',
    ],
    [
      'a unit the test is not reported in',
      { labResults: [{ ...lab, unit: 'g/dL' }] },
      'body.labResults.0.unit',
      'lab.unit_mismatch',
    ],
    [
      'a text value with a unit',
      { labResults: [{ test: 'Culture', value: 'positive', unit: 'mg' }] },
      'body.labResults.0.unit',
      'lab.unit_mismatch',
    ],
    [
      'a wrong LOINC check digit',
      { labResults: [{ ...lab, loinc: '2345-8' }] },
      'body.labResults.0.loinc',
      'lab.invalid_loinc',
    ],
    [
      'a flag against the range',
      { labResults: [{ ...lab, abnormal: false }] },
      'body.labResults.0.abnormal',
      'lab.abnormal_mismatch',
    ],
    [
      'an upside-down range',
      { labResults: [{ ...lab, referenceLow: 99, referenceHigh: 70 }] },
      'body.labResults.0.referenceHigh',
      'lab.range_invalid',
    ],
    ['a future encounter date', { occurredAt: tomorrow }, 'body.occurredAt', 'record.future_date'],
    [
      'a future lab observation',
      { labResults: [{ ...lab, observedAt: tomorrow }] },
      'body.labResults.0.observedAt',
      'record.future_date',
    ],
    ['a date before birth', { occurredAt: '1979-05-01T10:00:00Z' }, 'body.occurredAt', 'record.before_birth'],
  ];

  it.each(cases)('%s → 422 naming the field, nothing written', async (_what, change, path, code) => {
    const before = await recordCounts(w);
    const res = await create(w.docA, { ...VISIT, ...change });
    expect(res.statusCode).toBe(422);
    expect(problem(res).code).toBe(code);
    expect(problem(res).errors?.map((e) => e.path)).toContain(path);
    expect(await recordCounts(w)).toEqual(before);
  });

  it('names every bad field of one request', async () => {
    const res = await create(w.docA, {
      occurredAt: tomorrow,
      diagnoses: [{ code: 'I20.9' }, { code: 'ZZZ' }],
      billingLines: [{ ...bill, amount: 'abc' }],
    });
    expect(problem(res).errors?.map((e) => e.path)).toEqual([
      'body.occurredAt',
      'body.diagnoses.1.code',
      'body.billingLines.0.amount',
    ]);
  });

  it('links an encounter only to an attended visit of the same patient, once', async () => {
    const [visit] = await w.t.database.db
      .select()
      .from(appointments)
      .where(eq(appointments.patientId, w.cast.patientA.id));
    const other = await w.t.database.db
      .insert(appointments)
      .values({
        ...visit!,
        id: undefined,
        patientId: w.cast.patientB.id,
        startsAt: new Date('2026-01-06T13:00:00Z'),
        endsAt: new Date('2026-01-06T13:30:00Z'),
      })
      .returning();
    const mismatch = await create(w.docA, { appointmentId: other[0]!.id });
    expect([mismatch.statusCode, problem(mismatch).code, problem(mismatch).errors?.[0]?.path]).toEqual([
      422,
      'encounter.appointment_mismatch',
      'body.appointmentId',
    ]);
    const linked = await create(w.docA, { appointmentId: visit!.id });
    expect(linked.statusCode).toBe(201);
    expect(linked.json<EncounterRecord>().encounter).toMatchObject({
      appointmentId: visit!.id,
      occurredAt: visit!.startsAt.toISOString(),
    });
    const again = await create(w.docA, { appointmentId: visit!.id });
    expect([again.statusCode, problem(again).code]).toEqual([409, 'encounter.exists']);
  });

  it('never answers malformed bodies with a 5xx', async () => {
    const fields = Object.keys(VISIT).concat('appointmentId');
    await fc.assert(
      fc.asyncProperty(jsonBody(fields), async (body) => {
        const res = await w.t.app.inject({
          method: 'POST',
          url: `/api/v1/patients/${w.cast.patientA.id}/encounters`,
          headers: { ...w.docA.headers, 'content-type': 'application/json' },
          payload: body,
        });
        expectSafeAnswer(res, body.slice(0, 200));
      }),
      { numRuns: 60 },
    );
  });
});
