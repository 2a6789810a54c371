/**
 * Authorization-matrix rules for availability and scheduling
 * (merged into RULES by authz-rules.ts).
 */
import {
  ADMIN,
  ANY,
  DOCTOR_A_HOURS,
  FAR_DATE,
  OWN_DOCTOR,
  PARTICIPANTS,
  PATIENT,
  PUBLIC,
  appointmentOfA,
  clinic,
  doctorA,
  farOverride,
  holidayOfClinic,
  rolesMay,
  timeOffOfA,
  type Rule,
} from './authz-world.ts';

export const SCHEDULING_RULES: Record<string, Rule> = {
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
};
