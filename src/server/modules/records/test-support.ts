/** Shared set-up of the records tests: the cast signed in, consent flows, and row counts. */
import { count } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createCast, signIn, type Cast, type SignedIn } from '../../../../test/helpers/fixtures.ts';
import {
  auditEvents,
  billingLines,
  clinicalNotes,
  diagnoses,
  encounters,
  labResults,
  prescriptions,
  recordRevisions,
} from '../../db/schema/index.ts';

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface RecordsWorld {
  t: TestApp;
  cast: Cast;
  docA: SignedIn;
  docB: SignedIn;
  patA: SignedIn;
  patB: SignedIn;
  admin: SignedIn;
  api(method: Method, url: string, who: SignedIn | null, payload?: object): Promise<LightMyRequestResponse>;
  /** Doctor A asks patient A for consent and patient A approves in the app: the grant's id. */
  grantConsentOfA(): Promise<string>;
  revokeGrant(grantId: string): Promise<void>;
  close(): Promise<void>;
}

export async function recordsWorld(): Promise<RecordsWorld> {
  const t = await createTestApp();
  const cast = await createCast(t.database.db);
  const [docA, docB, patA, patB, admin] = await Promise.all(
    [cast.doctorA, cast.doctorB, cast.patientA, cast.patientB, cast.admin].map((who) => signIn(t.app, who)),
  );
  const api: RecordsWorld['api'] = (method, url, who, payload) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: who?.headers ?? {},
      ...(payload ? { payload } : {}),
    });
  const expectOk = (res: LightMyRequestResponse) => {
    if (res.statusCode >= 300) throw new Error(`${String(res.statusCode)} ${res.body}`);
    return res.json<Record<string, unknown>>();
  };
  return {
    t,
    cast,
    docA: docA!,
    docB: docB!,
    patA: patA!,
    patB: patB!,
    admin: admin!,
    api,
    grantConsentOfA: async () => {
      const asked = expectOk(await api('POST', `/patients/${cast.patientA.id}/consent-requests`, docA!));
      const decided = expectOk(await api('POST', `/consent-requests/${String(asked.id)}/approve`, patA!));
      return (decided.grant as { id: string }).id;
    },
    revokeGrant: async (grantId) => {
      const res = await api('DELETE', `/me/consent-grants/${grantId}`, patA!);
      if (res.statusCode >= 300) throw new Error(`revoke: ${String(res.statusCode)}`);
    },
    close: () => t.close(),
  };
}

export const RECORD_TABLES: Record<string, PgTable> = {
  encounters,
  diagnoses,
  prescriptions,
  labResults,
  clinicalNotes,
  billingLines,
  recordRevisions,
};

/** Rows per record table, and audit rows: what "nothing written" is checked against. */
export async function recordCounts(w: RecordsWorld): Promise<Record<string, number>> {
  const db = w.t.database.db;
  const out: Record<string, number> = {};
  for (const [name, table] of Object.entries({ ...RECORD_TABLES, auditEvents })) {
    const [row] = await db.select({ n: count() }).from(table);
    out[name] = row!.n;
  }
  return out;
}

/** A visit's record with one entry of each kind. */
export const VISIT = {
  occurredAt: '2026-01-05T13:05:00Z',
  reason: 'Chest pain on stairs',
  diagnoses: [{ code: 'i20.9' }, { code: 'E119', text: 'Type 2 diabetes, diet-controlled' }],
  prescriptions: [
    {
      medication: 'Aspirin 100 mg tablet',
      dose: '1 tablet',
      route: 'oral',
      frequency: 'once a day',
      durationDays: 30,
    },
  ],
  labResults: [
    {
      test: 'Glucose, fasting',
      loinc: '2345-7',
      value: 131,
      unit: 'mg/dl',
      referenceLow: 70,
      referenceHigh: 99,
    },
    { test: 'Urine culture', value: 'No growth' },
  ],
  notes: [{ body: 'Pain on exertion, relieved by rest within minutes.' }],
  billingLines: [
    { description: 'Consultation', amount: '250.00', currency: 'BRL' },
    { description: 'ECG', amount: 80.5, currency: 'brl' },
  ],
};

export const createEncounter = (w: RecordsWorld, who: SignedIn, body: object = VISIT) =>
  w.api('POST', `/patients/${w.cast.patientA.id}/encounters`, who, body);

/** Amends the entry at its current version (read through its history as the same caller). */
export async function amendEntry(
  w: RecordsWorld,
  who: SignedIn,
  [path, id]: [string, string],
  changes: object,
  reason = 'Corrected on review',
) {
  const history = await w.api('GET', `/${path}/${id}/history`, who);
  // Callers who may not read it get version 1: their write is refused before the version matters.
  const versions = history.json<{ versions?: { version: number }[] }>().versions;
  const version = versions?.at(-1)?.version ?? 1;
  return w.api('POST', `/${path}/${id}/amendments`, who, { version, reason, changes });
}

export const problemOf = (res: LightMyRequestResponse) =>
  res.json<{ code: string; errors?: { path: string; message: string }[] }>();
