/**
 * The world the authorization matrix runs in: the roles, the outcome classes a rule can expect, and the
 * fixtures (appointments, consent, encounters, ratings of patient A) that rules take their ids from.
 * The rules themselves are in authz-rules.ts.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Cast, SignedIn } from './fixtures.ts';

/** The callers, in the order the matrix runs them: owners last, so others meet the resource still there. */
export const ROLES = ['anonymous', 'admin', 'doctorB', 'doctorA', 'patientB', 'patientA'] as const;
export type RoleName = (typeof ROLES)[number];
export type SignedInRole = Exclude<RoleName, 'anonymous'>;

/**
 * allow: past authorization (2xx, or a business-rule 4xx other than 401/403: 404, 409, 410, 422…); hidden:
 * 404 for someone else's resource (ownership checked without revealing that it exists); auth: 401; deny: 403.
 */
export type Outcome = 'allow' | 'hidden' | 'auth' | 'deny';
export type Expectations = Record<RoleName, Outcome>;

export interface World {
  app: FastifyInstance;
  cast: Cast;
  /** One bearer session per signed-in role, made once for the whole file. */
  sessions: Record<SignedInRole, SignedIn>;
  /** An account nobody signs in with: unlock, disable and enable act on it. */
  spareUserId: string;
  /** A patient record no doctor cares for: emergency access targets it. */
  sparePatientId: string;
  /** A second session of patient A: DELETE /auth/sessions/{id} ends it. */
  victimSessionId: string;
  /** A set-up call as this role that must succeed: its JSON answer. */
  call(role: SignedInRole, method: Method, url: string, payload?: object): Promise<Record<string, unknown>>;
  /** The next free slot of doctor A (working DOCTOR_A_HOURS): each is handed out once. */
  nextSlot(): string;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Doctor A's working hours: Monday to Friday, 08:00–18:00 in the clinic's zone. */
export const DOCTOR_A_HOURS = {
  slotMinutes: 30,
  weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, ranges: [{ start: '08:00', end: '18:00' }] })),
};

export interface Rule {
  expect: Expectations;
  /** Path parameters by OpenAPI name (`*` for a wildcard), resolved just before the operation runs. */
  params?: (w: World) => Record<string, string> | Promise<Record<string, string>>;
  /** A valid query string, for routes that require one (e.g. `symptoms` of GET /discover). */
  query?: Record<string, string>;
  /** A valid body, so that the outcome reflects authorization and not validation. */
  body?: (w: World, role: RoleName) => unknown;
  /** Runs after all roles: undoes what would change later rows (e.g. revokes a grant the operation made). */
  cleanup?: (w: World) => Promise<void>;
  /** Each role acts on a session signed in just for this operation (the operation ends it). */
  freshSession?: true;
  /** Runs after every other operation: it ends the caller's other sessions or changes their password. */
  last?: true;
}

export const everyone = (outcome: Outcome): Expectations =>
  Object.fromEntries(ROLES.map((r) => [r, outcome])) as Expectations;

/** Public: no sign-in needed, every caller gets through. */
export const PUBLIC = everyone('allow');

/** Signed-in callers of these kinds get through; other kinds 403; anonymous 401. */
export function rolesMay(...kinds: ('patient' | 'doctor' | 'admin')[]): Expectations {
  const result = everyone('auth');
  const kind = (role: string) => role.replace(/[AB]$/, '') as (typeof kinds)[number];
  for (const role of ROLES)
    if (role !== 'anonymous') result[role] = kinds.includes(kind(role)) ? 'allow' : 'deny';
  return result;
}
export const ANY = rolesMay('patient', 'doctor', 'admin');
export const ADMIN = rolesMay('admin');
export const DOCTOR = rolesMay('doctor');
export const PATIENT = rolesMay('patient');
/** Doctor A's own things (the path names doctor A): doctor A and admins. */
export const OWN_DOCTOR: Expectations = { ...rolesMay('doctor', 'admin'), doctorB: 'deny' };
/** Patient A's appointment with doctor A: those two and admins. */
export const PARTICIPANTS: Expectations = { ...ANY, doctorB: 'deny', patientB: 'deny' };
/** Patient A's clinical record: patient A and doctor A, who cares for them; admins never. */
export const CLINICAL_A: Expectations = {
  ...rolesMay('patient', 'doctor'),
  doctorB: 'deny',
  patientB: 'deny',
};

/** Doctor A asks patient A for consent: the id of the pending request. */
export async function askConsent(w: World): Promise<string> {
  const created = await w.call('doctorA', 'POST', `/api/v1/patients/${w.cast.patientA.id}/consent-requests`);
  return created.id as string;
}

/** Patient A approves a fresh request of doctor A: the id of the grant. */
export async function grantConsent(w: World): Promise<string> {
  const decided = await w.call('patientA', 'POST', `/api/v1/consent-requests/${await askConsent(w)}/approve`);
  return (decided.grant as { id: string }).id;
}

/** Patient A revokes every grant, so doctor A writes only with consent again. */
export async function revokeGrantsOfA(w: World): Promise<void> {
  const items = (await w.call('patientA', 'GET', '/api/v1/me/consent-grants')).items as { id: string }[];
  for (const g of items) await w.call('patientA', 'DELETE', `/api/v1/me/consent-grants/${g.id}`);
}

/** Patient A books the next free slot with doctor A. */
export async function appointmentOfA(w: World): Promise<Record<string, string>> {
  const body = { doctorId: w.cast.doctorA.id, startsAt: w.nextSlot(), reason: 'Chest pain on stairs' };
  return { id: (await w.call('patientA', 'POST', '/api/v1/appointments', body)).id as string };
}

export async function timeOffOfA(w: World): Promise<Record<string, string>> {
  const body = { startsAt: '2031-05-05T12:00:00Z', endsAt: '2031-05-09T21:00:00Z' };
  const created = await w.call('doctorA', 'POST', `/api/v1/doctors/${w.cast.doctorA.id}/time-off`, body);
  return { id: w.cast.doctorA.id, timeOffId: created.id as string };
}

export async function holidayOfClinic(w: World): Promise<Record<string, string>> {
  const body = { date: '2031-01-01', name: 'Ano Novo' };
  const created = await w.call('admin', 'POST', `/api/v1/clinics/${w.cast.clinicId}/holidays`, body);
  return { id: w.cast.clinicId, holidayId: created.id as string };
}

export const NEW_ADMIN = { role: 'admin', displayName: 'Ops Admin' };
export const NEW_PATIENT = {
  name: 'Elisa Prado',
  birthDate: '1991-09-10',
  gender: 'F',
  neighbourhood: 'Centro',
};
export const uniqueEmail = (label: string) => `${label}.${randomBytes(4).toString('hex')}@example.org`;
export const patientA = (w: World) => ({ id: w.cast.patientA.id });
export const spareUser = (w: World) => ({ id: w.spareUserId });
export const doctorA = (w: World) => ({ id: w.cast.doctorA.id });
export const clinic = (w: World) => ({ id: w.cast.clinicId });
/** Dates years ahead, so time off, overrides and holidays never touch the slots the matrix books. */
export const FAR_DATE = '2031-03-04';
export const farOverride = (w: World) => ({ id: w.cast.doctorA.id, date: FAR_DATE });
/** An id no row has: ownership and existence answer the same 404. */
export const NO_SUCH_ID = '01890000-0000-7000-8000-000000000000';
export const pendingRequest = async (w: World) => ({ id: await askConsent(w) });

/** Amending an entry of patient A (doctor A with consent) and reading its history (patient A, doctor A). */
export function amendmentRules(
  path: string,
  pick: (e: EncounterOfA) => string,
  changes: object,
): Record<string, Rule> {
  return {
    [`POST /api/v1/${path}/{id}/amendments`]: {
      expect: { ...DOCTOR, doctorB: 'deny' },
      params: consentedEntry(pick),
      body: () => ({ version: 1, reason: 'Corrected after review', changes }),
    },
    [`GET /api/v1/${path}/{id}/history`]: { expect: CLINICAL_A, params: entryOfA(pick) },
  };
}

/** One visit's record for patient A, written once by doctor A under a consent grant revoked right after. */
export const encounters = new WeakMap<World, Promise<EncounterOfA>>();
interface EncounterOfA {
  encounter: { id: string };
  diagnoses: { id: string }[];
  prescriptions: { id: string }[];
  labResults: { id: string }[];
  notes: { id: string }[];
  billingLines: { id: string }[];
}
export const ENCOUNTER_OF_A = {
  reason: 'Chest pain on stairs',
  diagnoses: [{ code: 'I20.9' }],
  prescriptions: [
    { medication: 'Aspirin 100 mg tablet', dose: '1 tablet', route: 'oral', frequency: 'daily' },
  ],
  labResults: [
    { test: 'Glucose', loinc: '2345-7', value: 92, unit: 'mg/dL', referenceLow: 70, referenceHigh: 99 },
  ],
  notes: [{ body: 'Pain on exertion, relieved by rest.' }],
  billingLines: [{ description: 'Consultation', amount: '250.00', currency: 'BRL' }],
};
export function encounterOfA(w: World): Promise<EncounterOfA> {
  let made = encounters.get(w);
  if (!made) {
    made = (async () => {
      await consentOfA(w);
      const url = `/api/v1/patients/${w.cast.patientA.id}/encounters`;
      return (await w.call('doctorA', 'POST', url, ENCOUNTER_OF_A)) as unknown as EncounterOfA;
    })();
    encounters.set(w, made);
  }
  return made;
}

/**
 * Doctor A holds patient A's consent from the first records operation on (consent requests are
 * rate-limited, so one grant serves them all; no later operation needs doctor A without it).
 */
export const consents = new WeakMap<World, Promise<string>>();
export function consentOfA(w: World): Promise<string> {
  let granted = consents.get(w);
  if (!granted) {
    granted = grantConsent(w);
    consents.set(w, granted);
  }
  return granted;
}
export async function withConsentOfA<T>(w: World, params: T): Promise<T> {
  await consentOfA(w);
  return params;
}
export const consentedA = (w: World) => withConsentOfA(w, { id: w.cast.patientA.id });
export const consentedEntry = (pick: (e: EncounterOfA) => string) => async (w: World) =>
  withConsentOfA(w, { id: pick(await encounterOfA(w)) });
export const entryOfA = (pick: (e: EncounterOfA) => string) => async (w: World) => ({
  id: pick(await encounterOfA(w)),
});

/** Patient A's rating of their completed visit with doctor A (made once). */
export const ratings = new WeakMap<World, Promise<string>>();
export const visits = new WeakMap<World, string>();
export async function completedVisitOfA(w: World): Promise<string> {
  const past = await w.call('patientA', 'GET', '/api/v1/me/appointments?scope=past&limit=100');
  const visit = (past.items as { id: string; status: string }[]).find((a) => a.status === 'completed');
  if (!visit) throw new Error('Patient A has no completed visit to rate.');
  return visit.id;
}
export function ratingOfA(w: World): Promise<string> {
  let made = ratings.get(w);
  if (!made) {
    made = (async () => {
      const mine = await w.call('patientA', 'GET', '/api/v1/me/ratings');
      const existing = (mine.items as { id: string }[])[0];
      if (existing) return existing.id;
      const body = { appointmentId: await completedVisitOfA(w), score: 4, comment: 'Careful and kind.' };
      return (await w.call('patientA', 'POST', '/api/v1/ratings', body)).id as string;
    })();
    ratings.set(w, made);
  }
  return made;
}
