/**
 * Authorization-matrix rules for patient registration and medical records
 * (merged into RULES by authz-rules.ts).
 */
import {
  ADMIN,
  ANY,
  CLINICAL_A,
  DOCTOR,
  ENCOUNTER_OF_A,
  NEW_PATIENT,
  PATIENT,
  amendmentRules,
  consentedA,
  consentedEntry,
  entryOfA,
  patientA,
  rolesMay,
  type Rule,
} from './authz-world.ts';

export const RECORDS_RULES: Record<string, Rule> = {
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
};
