/**
 * The authorization matrix's expectations, one rule per route (`METHOD /path`); the roles, outcome classes
 * and the fixtures the rules use are in authz-world.ts. A route without a rule fails the matrix test.
 */
import {
  ADMIN,
  ANY,
  DOCTOR,
  NEW_ADMIN,
  NEW_PATIENT,
  NO_SUCH_ID,
  PATIENT,
  PUBLIC,
  clinic,
  completedVisitOfA,
  doctorA,
  everyone,
  grantConsent,
  patientA,
  pendingRequest,
  ratingOfA,
  revokeGrantsOfA,
  rolesMay,
  spareUser,
  uniqueEmail,
  visits,
  type Rule,
} from './authz-world.ts';
import { strongPassword } from './fixtures.ts';
import { ALERTS_RULES } from './authz-rules-alerts.ts';
import { ANALYTICS_RULES } from './authz-rules-analytics.ts';
import { DISCOVERY_RULES } from './authz-rules-discovery.ts';
import { IMPORTS_RULES } from './authz-rules-imports.ts';
import { PIPELINE_ADMIN_RULES } from './authz-rules-pipeline-admin.ts';
import { RECORDS_RULES } from './authz-rules-records.ts';
import { SCHEDULING_RULES } from './authz-rules-scheduling.ts';
import { WEB_RULES } from './authz-rules-web.ts';

export * from './authz-world.ts';

export const RULES: Record<string, Rule> = {
  // Each later module keeps its rules in its own file (authz-rules-<module>.ts).
  ...ALERTS_RULES,
  ...ANALYTICS_RULES,
  ...DISCOVERY_RULES,
  ...IMPORTS_RULES,
  ...PIPELINE_ADMIN_RULES,
  ...WEB_RULES,
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

  // Availability and scheduling (authz-rules-scheduling.ts), in the matrix's order.
  ...SCHEDULING_RULES,

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

  // Patient registration and medical records (authz-rules-records.ts), in the matrix's order.
  ...RECORDS_RULES,

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
  'DELETE /api/v1/ratings/{id}/hide': {
    expect: ADMIN,
    params: async (w) => ({ id: await ratingOfA(w) }),
  },
};
