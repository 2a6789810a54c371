import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../db/schema/index.ts';
import type { EncounterRecord } from './schema.ts';
import type { RecordExport, TimelineItem } from './timeline-schema.ts';
import { recordsWorld, VISIT, type RecordsWorld } from './test-support.ts';

let w: RecordsWorld;
let tied: EncounterRecord;
/** Twelve entries share one instant: the encounter and everything recorded with it. */
const TIE = '2026-03-03T14:00:00.000Z';

beforeAll(async () => {
  w = await recordsWorld();
  const grant = await w.grantConsentOfA();
  const encounter = (body: object) =>
    w.api('POST', `/patients/${w.cast.patientA.id}/encounters`, w.docA, body);
  await encounter({ occurredAt: '2026-02-01T10:00:00Z', diagnoses: [{ code: 'J06.9' }] });
  const many = {
    occurredAt: TIE,
    diagnoses: [{ code: 'I20.9' }, { code: 'I10' }, { code: 'E11.9' }],
    notes: [{ body: 'One' }, { body: 'Two' }, { body: 'Three' }],
    billingLines: [
      { description: 'Consultation', amount: '0.10', currency: 'BRL' },
      { description: 'ECG', amount: 0.2, currency: 'BRL' },
      { description: 'Travel vaccine', amount: '15', currency: 'USD' },
    ],
    labResults: VISIT.labResults,
  };
  tied = (await encounter(many)).json<EncounterRecord>();
  await encounter({ occurredAt: '2026-04-01T10:00:00Z', notes: [{ body: 'Latest' }] });
  await w.revokeGrant(grant);
});
afterAll(() => w.close());

const page = async (query: string) => {
  const res = await w.api('GET', `/patients/${w.cast.patientA.id}/timeline?${query}`, w.patA);
  expect(res.statusCode).toBe(200);
  return res.json<{ items: TimelineItem[]; nextCursor: string | null }>();
};

/** Every item, following the cursors `limit` at a time. */
async function walk(query: string, limit: number, between?: () => Promise<void>): Promise<TimelineItem[]> {
  const items: TimelineItem[] = [];
  let cursor: string | null = null;
  do {
    const p = await page(`${query}&limit=${String(limit)}${cursor ? `&cursor=${cursor}` : ''}`);
    items.push(...p.items);
    cursor = p.nextCursor;
    await between?.();
  } while (cursor);
  return items;
}

const keyOf = (i: TimelineItem) => `${i.occurredAt} ${i.id}`;

describe('the patient timeline', () => {
  it('lists visits and every kind of entry, newest first, ties in time ordered by id', async () => {
    const { items } = await page('limit=100');
    expect(items.map((i) => i.kind)).toEqual(
      expect.arrayContaining(['appointment', 'encounter', 'diagnosis', 'lab_result', 'note', 'billing_line']),
    );
    expect(items[0]).toMatchObject({ kind: 'note', occurredAt: '2026-04-01T10:00:00.000Z', body: 'Latest' });
    const sorted = [...items].sort((a, b) =>
      a.occurredAt === b.occurredAt ? (a.id < b.id ? 1 : -1) : a.occurredAt < b.occurredAt ? 1 : -1,
    );
    expect(items.map(keyOf)).toEqual(sorted.map(keyOf));
    expect(items.filter((i) => i.occurredAt === TIE)).toHaveLength(12);
    const visit = items.find((i) => i.kind === 'appointment');
    expect(visit).toMatchObject({
      status: 'completed',
      doctor: { id: w.cast.doctorA.id, name: 'Dr Ana Souza' },
    });
  });

  it('pages through ties without repeating or skipping, even while entries are added at the same instant', async () => {
    const all = (await page('limit=100')).items.map(keyOf);
    let added = 0;
    const grant = await w.grantConsentOfA();
    const addTie = async () => {
      added++;
      const body = { notes: [{ body: `Added while paging ${String(added)}` }] };
      expect((await w.api('POST', `/encounters/${tied.encounter.id}/entries`, w.docA, body)).statusCode).toBe(
        201,
      );
    };
    for (const limit of [1, 3, 5]) {
      const walked = await walk(
        'kind=encounter,diagnosis,prescription,lab_result,note,billing_line,appointment',
        limit,
        limit === 3 ? addTie : undefined,
      );
      const original = walked.map(keyOf).filter((k) => all.includes(k));
      expect(original).toEqual(all);
      expect(new Set(walked.map(keyOf)).size).toBe(walked.length);
    }
    await w.revokeGrant(grant);
    // Two reads of the same data give the same order.
    expect((await page('limit=100')).items.map(keyOf)).toEqual((await page('limit=100')).items.map(keyOf));
  });

  it('filters by kind and by date range', async () => {
    const kinds = await page('kind=diagnosis,billing_line&limit=100');
    expect(new Set(kinds.items.map((i) => i.kind))).toEqual(new Set(['diagnosis', 'billing_line']));
    const range = await page('from=2026-02-01T10:00:00Z&to=2026-03-03T14:00:00Z&limit=100');
    // `to` is exclusive; at one instant the later-written diagnosis (larger time-ordered id) comes first.
    expect(range.items.map((i) => [i.kind, i.occurredAt])).toEqual([
      ['diagnosis', '2026-02-01T10:00:00.000Z'],
      ['encounter', '2026-02-01T10:00:00.000Z'],
    ]);
  });

  it('answers 400 naming the parameter for a bad kind or a forged cursor', async () => {
    const kind = await w.api('GET', `/patients/${w.cast.patientA.id}/timeline?kind=diagnosis,gossip`, w.patA);
    expect(kind.json()).toMatchObject({ code: 'validation.failed', errors: [{ path: 'query.kind' }] });
    const forged = Buffer.from(JSON.stringify(['yesterday', tied.encounter.id])).toString('base64url');
    const cursor = await w.api('GET', `/patients/${w.cast.patientA.id}/timeline?cursor=${forged}`, w.patA);
    expect(cursor.json()).toMatchObject({ code: 'validation.failed', errors: [{ path: 'query.cursor' }] });
  });

  it('is clinical: admins and doctors who do not care for the patient get 403, audited', async () => {
    for (const who of [w.admin, w.docB, w.patB]) {
      const res = await w.api('GET', `/patients/${w.cast.patientA.id}/timeline`, who);
      expect(res.statusCode).toBe(403);
    }
    const denied = await w.t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'records.timeline'), eq(auditEvents.outcome, 'denied')));
    expect(denied.map((d) => d.actorUserId)).toEqual(expect.arrayContaining([w.cast.doctorB.userId]));
  });
});

describe('billing totals', () => {
  it('sum exact decimals per currency, for the patient, their doctor and admins', async () => {
    for (const who of [w.patA, w.docA, w.admin]) {
      const res = await w.api('GET', `/patients/${w.cast.patientA.id}/billing`, who);
      expect(res.json()).toEqual({
        patientId: w.cast.patientA.id,
        totals: [
          { currency: 'BRL', amount: '0.30', lines: 2 },
          { currency: 'USD', amount: '15.00', lines: 1 },
        ],
      });
    }
    expect((await w.api('GET', `/patients/${w.cast.patientA.id}/billing`, w.docB)).statusCode).toBe(403);
  });
});

describe('export', () => {
  it('gives the patient their whole record as a JSON download, earlier versions included, audited', async () => {
    const grant = await w.grantConsentOfA();
    const noteId = tied.notes[0]!.id;
    const body = { version: 1, reason: 'Typo fixed', changes: { body: 'One (corrected)' } };
    const amended = await w.api('POST', `/notes/${noteId}/amendments`, w.docA, body);
    expect(amended.statusCode, amended.body).toBe(200);
    await w.revokeGrant(grant);
    const res = await w.api('GET', '/me/record', w.patA);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="healthsync-record-${w.cast.patientA.code}.json"`,
    );
    const record = res.json<RecordExport>();
    expect(record.patient).toMatchObject({ id: w.cast.patientA.id, name: 'Carla Mendes' });
    expect(record.encounters.map((e) => e.encounter.occurredAt)).toEqual([
      '2026-02-01T10:00:00.000Z',
      TIE,
      '2026-04-01T10:00:00.000Z',
    ]);
    expect(record.encounters[1]!.notes.find((n) => n.id === noteId)).toMatchObject({
      body: 'One (corrected)',
      version: 2,
    });
    expect(record.earlierVersions).toEqual([
      expect.objectContaining({
        kind: 'note',
        entryId: noteId,
        version: 1,
        content: { body: 'One' },
        reason: null,
      }),
    ]);
    expect(record.appointments.map((a) => a.status)).toEqual(['completed']);
    const audit = await w.t.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'records.export'));
    expect(audit.map((a) => a.patientId)).toEqual([w.cast.patientA.id]);
  });
});
