/**
 * The authorization matrix of issue 3: who may call each route the app serves, keyed by `METHOD /path` in
 * OpenAPI path form. test/authz-matrix.test.ts runs every route × every role against this table, and a
 * route missing here fails it: declare the rule of a new route here.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { strongPassword, type Cast, type SignedIn } from './fixtures.ts';

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
  /** A valid body, so that the outcome reflects authorization and not validation. */
  body?: (w: World, role: RoleName) => unknown;
  /** Runs after all roles: undoes what would change later rows (e.g. revokes a grant the operation made). */
  cleanup?: (w: World) => Promise<void>;
  /** Each role acts on a session signed in just for this operation (the operation ends it). */
  freshSession?: true;
  /** Runs after every other operation: it ends the caller's other sessions or changes their password. */
  last?: true;
}

const everyone = (outcome: Outcome): Expectations =>
  Object.fromEntries(ROLES.map((r) => [r, outcome])) as Expectations;

/** Public: no sign-in needed, every caller gets through. */
const PUBLIC = everyone('allow');

/** Signed-in callers of these kinds get through; other kinds 403; anonymous 401. */
function rolesMay(...kinds: ('patient' | 'doctor' | 'admin')[]): Expectations {
  const result = everyone('auth');
  const kind = (role: string) => role.replace(/[AB]$/, '') as (typeof kinds)[number];
  for (const role of ROLES)
    if (role !== 'anonymous') result[role] = kinds.includes(kind(role)) ? 'allow' : 'deny';
  return result;
}
const ANY = rolesMay('patient', 'doctor', 'admin');
const ADMIN = rolesMay('admin');
const DOCTOR = rolesMay('doctor');
const PATIENT = rolesMay('patient');
/** Doctor A's own things (the path names doctor A): doctor A and admins. */
const OWN_DOCTOR: Expectations = { ...rolesMay('doctor', 'admin'), doctorB: 'deny' };
/** Patient A's appointment with doctor A: those two and admins. */
const PARTICIPANTS: Expectations = { ...ANY, doctorB: 'deny', patientB: 'deny' };
/** Patient A's clinical record: patient A and doctor A, who cares for them; admins never. */
const CLINICAL_A: Expectations = { ...rolesMay('patient', 'doctor'), doctorB: 'deny', patientB: 'deny' };

/** Doctor A asks patient A for consent: the id of the pending request. */
async function askConsent(w: World): Promise<string> {
  const created = await w.call('doctorA', 'POST', `/api/v1/patients/${w.cast.patientA.id}/consent-requests`);
  return created.id as string;
}

/** Patient A approves a fresh request of doctor A: the id of the grant. */
async function grantConsent(w: World): Promise<string> {
  const decided = await w.call('patientA', 'POST', `/api/v1/consent-requests/${await askConsent(w)}/approve`);
  return (decided.grant as { id: string }).id;
}

/** Patient A revokes every grant, so doctor A writes only with consent again. */
async function revokeGrantsOfA(w: World): Promise<void> {
  const items = (await w.call('patientA', 'GET', '/api/v1/me/consent-grants')).items as { id: string }[];
  for (const g of items) await w.call('patientA', 'DELETE', `/api/v1/me/consent-grants/${g.id}`);
}

/** Patient A books the next free slot with doctor A. */
async function appointmentOfA(w: World): Promise<Record<string, string>> {
  const body = { doctorId: w.cast.doctorA.id, startsAt: w.nextSlot(), reason: 'Chest pain on stairs' };
  return { id: (await w.call('patientA', 'POST', '/api/v1/appointments', body)).id as string };
}

async function timeOffOfA(w: World): Promise<Record<string, string>> {
  const body = { startsAt: '2031-05-05T12:00:00Z', endsAt: '2031-05-09T21:00:00Z' };
  const created = await w.call('doctorA', 'POST', `/api/v1/doctors/${w.cast.doctorA.id}/time-off`, body);
  return { id: w.cast.doctorA.id, timeOffId: created.id as string };
}

async function holidayOfClinic(w: World): Promise<Record<string, string>> {
  const body = { date: '2031-01-01', name: 'Ano Novo' };
  const created = await w.call('admin', 'POST', `/api/v1/clinics/${w.cast.clinicId}/holidays`, body);
  return { id: w.cast.clinicId, holidayId: created.id as string };
}

const NEW_ADMIN = { role: 'admin', displayName: 'Ops Admin' };
const NEW_PATIENT = { name: 'Elisa Prado', birthDate: '1991-09-10', gender: 'F', neighbourhood: 'Centro' };
const uniqueEmail = (label: string) => `${label}.${randomBytes(4).toString('hex')}@example.org`;
const patientA = (w: World) => ({ id: w.cast.patientA.id });
const spareUser = (w: World) => ({ id: w.spareUserId });
const doctorA = (w: World) => ({ id: w.cast.doctorA.id });
const clinic = (w: World) => ({ id: w.cast.clinicId });
/** Dates years ahead, so time off, overrides and holidays never touch the slots the matrix books. */
const FAR_DATE = '2031-03-04';
const farOverride = (w: World) => ({ id: w.cast.doctorA.id, date: FAR_DATE });
/** An id no row has: ownership and existence answer the same 404. */
const NO_SUCH_ID = '01890000-0000-7000-8000-000000000000';
const pendingRequest = async (w: World) => ({ id: await askConsent(w) });

/** Amending an entry of patient A (doctor A with consent) and reading its history (patient A, doctor A). */
function amendmentRules(
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
const encounters = new WeakMap<World, Promise<EncounterOfA>>();
interface EncounterOfA {
  encounter: { id: string };
  diagnoses: { id: string }[];
  prescriptions: { id: string }[];
  labResults: { id: string }[];
  notes: { id: string }[];
  billingLines: { id: string }[];
}
const ENCOUNTER_OF_A = {
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
function encounterOfA(w: World): Promise<EncounterOfA> {
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
const consents = new WeakMap<World, Promise<string>>();
function consentOfA(w: World): Promise<string> {
  let granted = consents.get(w);
  if (!granted) {
    granted = grantConsent(w);
    consents.set(w, granted);
  }
  return granted;
}
async function withConsentOfA<T>(w: World, params: T): Promise<T> {
  await consentOfA(w);
  return params;
}
const consentedA = (w: World) => withConsentOfA(w, { id: w.cast.patientA.id });
const consentedEntry = (pick: (e: EncounterOfA) => string) => async (w: World) =>
  withConsentOfA(w, { id: pick(await encounterOfA(w)) });
const entryOfA = (pick: (e: EncounterOfA) => string) => async (w: World) => ({
  id: pick(await encounterOfA(w)),
});

/** Patient A's rating of their completed visit with doctor A (made once). */
const ratings = new WeakMap<World, Promise<string>>();
const visits = new WeakMap<World, string>();
async function completedVisitOfA(w: World): Promise<string> {
  const past = await w.call('patientA', 'GET', '/api/v1/me/appointments?scope=past&limit=100');
  const visit = (past.items as { id: string; status: string }[]).find((a) => a.status === 'completed');
  if (!visit) throw new Error('Patient A has no completed visit to rate.');
  return visit.id;
}
function ratingOfA(w: World): Promise<string> {
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

export const RULES: Record<string, Rule> = {
  // System, documentation and the home page.
  'GET /': { expect: PUBLIC },
  'GET /health': { expect: PUBLIC },
  'GET /ready': { expect: PUBLIC },
  // 'operator': the operator's network, whoever signs in; inject() comes from 127.0.0.1.
  'GET /metrics': { expect: PUBLIC },
  'GET /api/openapi.json': { expect: PUBLIC },
  'GET /api/docs': { expect: PUBLIC },
  'GET /api/docs/': { expect: PUBLIC },
  'GET /api/docs/json': { expect: PUBLIC },
  'GET /api/docs/yaml': { expect: PUBLIC },
  'GET /api/docs/static/index.html': { expect: PUBLIC },
  'GET /api/docs/static/swagger-initializer.js': { expect: PUBLIC },
  'GET /api/docs/*': { expect: PUBLIC, params: () => ({ '*': 'static/swagger-ui.css' }) },

  // The public directory.
  'GET /api/v1/clinics': { expect: PUBLIC },
  'GET /api/v1/clinics/{id}': { expect: PUBLIC, params: (w) => ({ id: w.cast.clinicId }) },
  'GET /api/v1/doctors': { expect: PUBLIC },
  'GET /api/v1/doctors/{id}': { expect: PUBLIC, params: (w) => ({ id: w.cast.doctorA.id }) },
  'GET /api/v1/specialties': { expect: PUBLIC },
  // Admins manage the directory.
  'POST /api/v1/clinics': {
    expect: ADMIN,
    body: () => ({
      name: 'Clínica Norte',
      neighbourhood: 'Goiabeiras',
      timezone: 'America/Sao_Paulo',
      emergencyPhone: '+55 27 3000-1111',
    }),
  },
  'PATCH /api/v1/clinics/{id}': { expect: ADMIN, params: clinic, body: () => ({ capacity: 150 }) },
  'POST /api/v1/doctors': {
    expect: ADMIN,
    body: (w) => ({ name: 'Dr Nova Silva', specialty: 'Cardiology', clinic: w.cast.clinicId }),
  },
  'PATCH /api/v1/doctors/{id}': {
    expect: ADMIN,
    params: doctorA,
    body: () => ({ phone: '+55 27 3333-0000' }),
  },

  // Accounts and sessions.
  'POST /api/v1/auth/signup': {
    expect: PUBLIC,
    body: () => ({ ...NEW_PATIENT, email: uniqueEmail('elisa.prado'), password: strongPassword() }),
  },
  'POST /api/v1/auth/login': {
    expect: PUBLIC,
    body: (w) => ({ email: w.cast.patientB.email, password: w.cast.patientB.password }),
  },
  'POST /api/v1/auth/logout': { expect: ANY, freshSession: true },
  'GET /api/v1/auth/me': { expect: ANY },
  'GET /api/v1/auth/sessions': { expect: ANY },
  'DELETE /api/v1/auth/sessions/{id}': {
    expect: { ...everyone('hidden'), anonymous: 'auth', patientA: 'allow' },
    params: (w) => ({ id: w.victimSessionId }),
  },
  'POST /api/v1/auth/sessions/revoke-others': { expect: ANY, last: true },
  'POST /api/v1/auth/password': {
    expect: ANY,
    last: true,
    body: (w, role) => ({
      currentPassword: role === 'anonymous' ? strongPassword() : w.cast[role].password,
      newPassword: strongPassword(),
    }),
  },
  'POST /api/v1/auth/password-reset': {
    expect: PUBLIC,
    body: (_w, role) => ({ email: `nobody.${role}@example.org` }),
  },
  // An unknown link: 400 `auth.reset_invalid`, a business answer past authorization.
  'POST /api/v1/auth/password-reset/confirm': {
    expect: PUBLIC,
    body: () => ({ token: 'x'.repeat(43), newPassword: strongPassword() }),
  },

  // Account management (admins).
  'POST /api/v1/users': {
    expect: ADMIN,
    body: () => ({ ...NEW_ADMIN, email: uniqueEmail('ops'), password: strongPassword() }),
  },
  'GET /api/v1/users': { expect: ADMIN },
  'POST /api/v1/users/{id}/unlock': { expect: ADMIN, params: spareUser },
  'POST /api/v1/users/{id}/disable': { expect: ADMIN, params: spareUser },
  'POST /api/v1/users/{id}/enable': { expect: ADMIN, params: spareUser },

  // Patients: the patient, doctors who care for them, admins (demographics only, no writes).
  'GET /api/v1/patients': { expect: rolesMay('doctor', 'admin') },
  'GET /api/v1/patients/{id}': { expect: { ...ANY, patientB: 'deny', doctorB: 'deny' }, params: patientA },
  // Doctor A cares for patient A but holds no consent grant: 403 `consent.required`. Admins (the front
  // desk) change demographics but not health attributes.
  'PATCH /api/v1/patients/{id}': {
    expect: { ...rolesMay('patient', 'admin'), patientB: 'deny' },
    params: patientA,
    body: () => ({ phone: '+55 27 99876-5432' }),
  },

  // Consent by one-time code and emergency access.
  'POST /api/v1/patients/{id}/consent-requests': { expect: { ...DOCTOR, doctorB: 'deny' }, params: patientA },
  // Doctor A's wrong code is a 422 (past authorization); doctor B does not see doctor A's request.
  'POST /api/v1/consent-requests/{id}/verify': {
    expect: { ...DOCTOR, doctorB: 'hidden' },
    params: pendingRequest,
    body: () => ({ code: '000000' }),
  },
  // Any doctor may break the glass (audited, patient told); a patient nobody else's rows depend on.
  'POST /api/v1/patients/{id}/emergency-access': {
    expect: DOCTOR,
    params: (w) => ({ id: w.sparePatientId }),
    body: () => ({ reason: 'Unconscious on arrival at the emergency room; allergies unknown.' }),
  },
  'GET /api/v1/me/consent-grants/issued': { expect: DOCTOR },
  'GET /api/v1/me/consent-requests': { expect: PATIENT },
  'POST /api/v1/consent-requests/{id}/approve': {
    expect: { ...PATIENT, patientB: 'hidden' },
    params: pendingRequest,
    cleanup: revokeGrantsOfA,
  },
  'POST /api/v1/consent-requests/{id}/deny': {
    expect: { ...PATIENT, patientB: 'hidden' },
    params: pendingRequest,
  },
  'GET /api/v1/me/consent-grants': { expect: PATIENT },
  'DELETE /api/v1/me/consent-grants/{id}': {
    expect: { ...PATIENT, patientB: 'hidden' },
    params: async (w) => ({ id: await grantConsent(w) }),
  },
  'GET /api/v1/admin/emergency-access': { expect: ADMIN },

  // Availability: doctors edit their own, admins anyone's; reading it is public.
  'GET /api/v1/doctors/{id}/availability': { expect: PUBLIC, params: doctorA },
  'PUT /api/v1/doctors/{id}/availability': {
    expect: OWN_DOCTOR,
    params: doctorA,
    body: () => DOCTOR_A_HOURS,
  },
  'PUT /api/v1/doctors/{id}/overrides/{date}': {
    expect: OWN_DOCTOR,
    params: farOverride,
    body: () => ({ ranges: [] }),
  },
  'DELETE /api/v1/doctors/{id}/overrides/{date}': { expect: OWN_DOCTOR, params: farOverride },
  'GET /api/v1/doctors/{id}/time-off': { expect: OWN_DOCTOR, params: doctorA },
  'POST /api/v1/doctors/{id}/time-off': {
    expect: OWN_DOCTOR,
    params: doctorA,
    body: () => ({ startsAt: `${FAR_DATE}T12:00:00Z`, endsAt: `${FAR_DATE}T15:00:00Z`, reason: 'Congress' }),
  },
  'DELETE /api/v1/doctors/{id}/time-off/{timeOffId}': { expect: OWN_DOCTOR, params: timeOffOfA },
  'GET /api/v1/clinics/{id}/holidays': { expect: PUBLIC, params: clinic },
  'POST /api/v1/clinics/{id}/holidays': {
    expect: ADMIN,
    params: clinic,
    body: () => ({ date: '2031-12-25', name: 'Natal' }),
  },
  'DELETE /api/v1/clinics/{id}/holidays/{holidayId}': { expect: ADMIN, params: holidayOfClinic },

  // Scheduling: browsing slots is public; booking needs a session; patients book only for themselves.
  'GET /api/v1/doctors/{id}/slots': { expect: PUBLIC, params: doctorA },
  'GET /api/v1/slots': { expect: PUBLIC },
  // Doctors book only for patients they already care for (doctor B does not care for A).
  'POST /api/v1/appointments': {
    expect: { ...ANY, patientB: 'deny', doctorB: 'deny' },
    body: (w) => ({ doctorId: w.cast.doctorA.id, patientId: w.cast.patientA.id, startsAt: w.nextSlot() }),
  },
  // Its patient, its doctor and admins; the others 403.
  'GET /api/v1/appointments/{id}': { expect: PARTICIPANTS, params: appointmentOfA },
  'POST /api/v1/appointments/{id}/reschedule': {
    expect: PARTICIPANTS,
    params: appointmentOfA,
    body: (w) => ({ startsAt: w.nextSlot() }),
  },
  'POST /api/v1/appointments/{id}/cancel': {
    expect: PARTICIPANTS,
    params: appointmentOfA,
    body: () => ({ reason: 'Feeling better' }),
  },
  'POST /api/v1/appointments/{id}/status': {
    expect: { ...PARTICIPANTS, patientA: 'deny' },
    params: appointmentOfA,
    body: () => ({ status: 'checked_in' }),
  },
  'GET /api/v1/me/appointments': { expect: PATIENT },
  'GET /api/v1/doctors/{id}/agenda': { expect: OWN_DOCTOR, params: doctorA },
  // The clinic's day board: admins and every doctor of the clinic (doctor B works there too).
  'GET /api/v1/clinics/{id}/board': { expect: rolesMay('doctor', 'admin'), params: clinic },

  // The audit trail.
  'GET /api/v1/me/access-log': { expect: PATIENT },
  'GET /api/v1/audit': { expect: ADMIN },

  // Notifications: everyone signed in has an inbox and preferences; the delivery log and clinics'
  // broadcast channels are for admins; unsubscribe links work without signing in (the token is the key).
  'GET /api/v1/me/notifications': { expect: ANY },
  'GET /api/v1/me/notifications/unread-count': { expect: ANY },
  // A message in nobody's inbox: 404 to everyone signed in (someone else's answers the same, tested
  // in the module's own tests).
  'POST /api/v1/me/notifications/{id}/read': {
    expect: { ...everyone('hidden'), anonymous: 'auth' },
    params: () => ({ id: NO_SUCH_ID }),
  },
  'POST /api/v1/me/notifications/read-all': { expect: ANY },
  'GET /api/v1/me/notification-preferences': { expect: ANY },
  'PUT /api/v1/me/notification-preferences': {
    expect: ANY,
    body: () => ({ quietHours: { start: '22:00', end: '07:00' } }),
  },
  // Without a valid token: 400 `notifications.bad_token`, a business answer past authorization.
  'GET /api/v1/notifications/unsubscribe': { expect: PUBLIC },
  'POST /api/v1/notifications/unsubscribe': { expect: PUBLIC },
  'GET /api/v1/admin/notifications/deliveries': { expect: ADMIN },
  'GET /api/v1/admin/notifications/deliveries/{id}': { expect: ADMIN, params: () => ({ id: NO_SUCH_ID }) },
  'POST /api/v1/admin/notifications/deliveries/{id}/retry': {
    expect: ADMIN,
    params: () => ({ id: NO_SUCH_ID }),
  },
  'GET /api/v1/clinics/{id}/notification-channels': { expect: ADMIN, params: clinic },
  'PUT /api/v1/clinics/{id}/notification-channels': {
    expect: ADMIN,
    params: clinic,
    body: () => ({ channels: [{ channel: 'telegram', address: '@clinica_praia', locale: 'pt-BR' }] }),
  },

  // ICD-10-CM: public reference data.
  'GET /api/v1/icd10': { expect: PUBLIC },
  'GET /api/v1/icd10/{code}': { expect: PUBLIC, params: () => ({ code: 'E11.9' }) },

  // Patient demographics: admins register patients; the patient or an admin erases one (on a patient
  // made for the purpose: the admin's erasure goes through, everyone after meets a 403 first).
  'POST /api/v1/patients': { expect: ADMIN, body: () => NEW_PATIENT },
  'DELETE /api/v1/patients/{id}': {
    expect: { ...rolesMay('patient', 'admin'), patientA: 'deny', patientB: 'deny' },
    params: async (w) => ({
      id: (await w.call('admin', 'POST', '/api/v1/patients', NEW_PATIENT)).id as string,
    }),
  },

  // Medical records: doctors write with the patient's consent or emergency access (doctor A holds patient
  // A's consent for each write, doctor B none); clinical content is for the patient and their doctors,
  // never admins, who see billing totals only.
  'POST /api/v1/patients/{id}/encounters': {
    expect: { ...DOCTOR, doctorB: 'deny' },
    params: consentedA,
    body: () => ENCOUNTER_OF_A,
  },
  'POST /api/v1/encounters/{id}/entries': {
    expect: { ...DOCTOR, doctorB: 'deny' },
    params: consentedEntry((e) => e.encounter.id),
    body: () => ({ notes: [{ body: 'Troponin pending.' }] }),
  },
  'GET /api/v1/encounters/{id}': { expect: CLINICAL_A, params: entryOfA((e) => e.encounter.id) },
  'GET /api/v1/patients/{id}/timeline': { expect: CLINICAL_A, params: patientA },
  'GET /api/v1/patients/{id}/billing': {
    expect: { ...ANY, doctorB: 'deny', patientB: 'deny' },
    params: patientA,
  },
  'GET /api/v1/me/record': { expect: PATIENT },
  ...amendmentRules('encounters', (e) => e.encounter.id, { reason: 'Chest pain climbing stairs' }),
  ...amendmentRules('diagnoses', (e) => e.diagnoses[0]!.id, { code: 'I20.89' }),
  ...amendmentRules('prescriptions', (e) => e.prescriptions[0]!.id, { durationDays: 30 }),
  ...amendmentRules('lab-results', (e) => e.labResults[0]!.id, { value: 95 }),
  ...amendmentRules('notes', (e) => e.notes[0]!.id, { body: 'Pain on exertion, relieved by rest in 2 min.' }),
  ...amendmentRules('billing-lines', (e) => e.billingLines[0]!.id, { amount: '200.00' }),

  // Ratings: patients rate their completed visits; the public reads summaries; admins moderate.
  // Bodies are built synchronously: the visit is looked up by `params` (the path has none) first.
  'POST /api/v1/ratings': {
    expect: { ...PATIENT, patientB: 'hidden' },
    params: async (w) => {
      visits.set(w, await completedVisitOfA(w));
      return {};
    },
    body: (w) => ({ appointmentId: visits.get(w), score: 5 }),
  },
  'PATCH /api/v1/ratings/{id}': {
    expect: { ...PATIENT, patientB: 'hidden' },
    params: async (w) => ({ id: await ratingOfA(w) }),
    body: () => ({ score: 5 }),
  },
  'GET /api/v1/me/ratings': { expect: PATIENT },
  'GET /api/v1/doctors/{id}/ratings': { expect: PUBLIC, params: doctorA },
  'GET /api/v1/admin/ratings': { expect: ADMIN },
  'POST /api/v1/ratings/{id}/hide': {
    expect: ADMIN,
    params: async (w) => ({ id: await ratingOfA(w) }),
    body: () => ({ reason: 'Names another patient.' }),
  },
};
