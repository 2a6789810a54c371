import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn } from '../../../../test/helpers/fixtures.ts';
import { diagnoses, recordRevisions } from '../../db/schema/index.ts';
import type { EncounterRecord } from './schema.ts';
import {
  amendEntry,
  createEncounter,
  problemOf as problem,
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
const amend = (who: SignedIn, path: string, id: string, changes: object, reason?: string) =>
  amendEntry(w, who, [path, id], changes, reason);

describe('amendments', () => {
  let rec: EncounterRecord;
  let grant: string;
  beforeAll(async () => {
    grant = await w.grantConsentOfA();
    rec = (await create(w.docA, { ...VISIT, occurredAt: '2026-02-10T12:00:00Z' })).json<EncounterRecord>();
  });
  afterAll(() => w.revokeGrant(grant));

  it('keep every earlier version readable, with who changed what and why', async () => {
    const id = rec.diagnoses[0]!.id;
    const first = await amend(
      w.docA,
      'diagnoses',
      id,
      { code: 'I20.89' },
      'Stress test confirmed exertional angina',
    );
    expect(first.statusCode).toBe(200);
    // A new code without new text takes the new code's official text.
    expect(first.json()).toMatchObject({
      code: 'I20.89',
      text: 'Other forms of angina pectoris',
      version: 2,
    });
    const second = await amend(w.docA, 'diagnoses', id, { text: 'Exertional angina' }, 'Clearer wording');
    expect(second.json()).toMatchObject({
      version: 3,
      amended: { by: { id: w.cast.doctorA.id, name: 'Dr Ana Souza' }, reason: 'Clearer wording' },
    });
    const history = await w.api('GET', `/diagnoses/${id}/history`, w.patA);
    expect(history.statusCode).toBe(200);
    const versions = history.json<{
      versions: { version: number; content: object; reason: string | null; changed: string[] }[];
    }>().versions;
    expect(versions.map((v) => [v.version, v.content, v.reason, v.changed])).toEqual([
      [1, { code: 'I20.9', text: 'Angina pectoris, unspecified' }, null, []],
      [
        2,
        { code: 'I20.89', text: 'Other forms of angina pectoris' },
        'Stress test confirmed exertional angina',
        ['code', 'text'],
      ],
      [3, { code: 'I20.89', text: 'Exertional angina' }, 'Clearer wording', ['text']],
    ]);
  });

  it('refuse a stale version (409) and a change that changes nothing (422), writing nothing', async () => {
    const id = rec.billingLines[0]!.id;
    const before = await recordCounts(w);
    const stale = await w.api('POST', `/billing-lines/${id}/amendments`, w.docA, {
      version: 7,
      reason: 'Discount applied',
      changes: { amount: '200.00' },
    });
    expect([stale.statusCode, problem(stale).code]).toEqual([409, 'record.version_conflict']);
    const same = await amend(w.docA, 'billing-lines', id, { amount: '250' });
    expect([same.statusCode, problem(same).code, problem(same).errors]).toEqual([
      422,
      'record.no_change',
      [{ path: 'body.changes', message: 'changes nothing' }],
    ]);
    const bad = await amend(w.docA, 'billing-lines', id, { amount: '-200.00' });
    expect([bad.statusCode, problem(bad).errors?.[0]?.path]).toEqual([422, 'body.changes.amount']);
    // (Reading the history to learn the version is audited; the records themselves are unchanged.)
    expect({ ...(await recordCounts(w)), auditEvents: 0 }).toEqual({ ...before, auditEvents: 0 });
  });

  it('move the entries of an encounter moved in time, except a lab result observed at its own time', async () => {
    const lab = await w.api('POST', `/encounters/${rec.encounter.id}/entries`, w.docA, {
      labResults: [
        { test: 'HbA1c', loinc: '4548-4', value: 7.1, unit: '%', observedAt: '2026-02-08T09:00:00Z' },
      ],
    });
    expect(lab.statusCode).toBe(201);
    const moved = await amend(w.docA, 'encounters', rec.encounter.id, {
      occurredAt: '2026-02-11T12:00:00-03:00',
    });
    expect(moved.json()).toMatchObject({ occurredAt: '2026-02-11T15:00:00.000Z', version: 2 });
    const after = (await w.api('GET', `/encounters/${rec.encounter.id}`, w.docA)).json<EncounterRecord>();
    expect(after.notes[0]!.occurredAt).toBe('2026-02-11T15:00:00.000Z');
    expect(after.labResults.map((l) => l.occurredAt).sort()).toEqual([
      '2026-02-08T09:00:00.000Z',
      '2026-02-11T15:00:00.000Z',
      '2026-02-11T15:00:00.000Z',
    ]);
  });

  it('are the only way to change an entry: the database refuses overwrites and deletions', async () => {
    const db = w.t.database.db;
    const id = rec.notes[0]!.id;
    const overwrite = db.execute(sql`update clinical_notes set body = 'Rewritten' where id = ${id}`);
    await expect(overwrite).rejects.toMatchObject({ cause: { code: '42501' } });
    const bumped = db.execute(
      sql`update clinical_notes set body = 'Rewritten', version = version + 1 where id = ${id}`,
    );
    await expect(bumped).rejects.toMatchObject({ cause: { code: '42501' } });
    await expect(db.delete(diagnoses).where(eq(diagnoses.id, rec.diagnoses[1]!.id))).rejects.toMatchObject({
      cause: { code: '42501' },
    });
    await expect(db.update(recordRevisions).set({ reason: 'x' })).rejects.toMatchObject({
      cause: { code: '42501' },
    });
  });
});
