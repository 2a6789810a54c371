/** Staged rows → database rows (column names as in the tables), with references resolved to ids. Pure. */
import type { EntryData } from './model.ts';
import type { IdMap, Linked } from './link.ts';
import type { DbRow } from './repo.ts';

export interface Owner {
  patientId: string;
  doctorId: string;
}

const ref = (ids: IdMap, entity: 'clinic' | 'doctor' | 'patient' | 'appointment' | 'encounter') => {
  const map = ids.get(entity)!;
  return (sourceId: string): string => map.get(sourceId)!;
};

export function clinicRows(linked: Linked): DbRow[] {
  return linked.fresh.clinics.map(({ id, row: { value: c } }) => ({
    id,
    name: c.name,
    neighbourhood: c.neighbourhood,
    address: c.address,
    latitude: c.latitude,
    longitude: c.longitude,
    timezone: c.timezone,
    capacity: c.capacity,
    emergency_phone: c.emergencyPhone,
    closed_on_weekends: c.closedOnWeekends,
  }));
}

export function doctorRows(linked: Linked): DbRow[] {
  const clinic = ref(linked.ids, 'clinic');
  return linked.fresh.doctors.map(({ id, row: { value: d } }) => ({
    id,
    clinic_id: clinic(d.clinic),
    name: d.name,
    specialty: d.specialty,
    email: d.email,
    phone: d.phone,
    slot_minutes: d.slotMinutes,
  }));
}

export function weeklyHourRows(linked: Linked, newId: () => string): DbRow[] {
  return linked.fresh.doctors.flatMap(({ id, row }) =>
    row.value.hours.map((h) => ({
      id: newId(),
      doctor_id: id,
      weekday: h.weekday,
      start_time: h.startTime,
      end_time: h.endTime,
    })),
  );
}

export function patientRows(linked: Linked): DbRow[] {
  return linked.fresh.patients.map(({ id, row: { value: p } }) => ({
    id,
    name: p.name,
    gender: p.gender,
    birth_date: p.birthDate,
    neighbourhood: p.neighbourhood,
    scholarship: p.scholarship,
    hypertension: p.hypertension,
    diabetes: p.diabetes,
    alcoholism: p.alcoholism,
    handicap: p.handicap,
    phone: p.phone,
    address: p.address,
    latitude: p.latitude,
    longitude: p.longitude,
  }));
}

export function appointmentRows(linked: Linked): DbRow[] {
  const [patient, doctor, clinic] = (['patient', 'doctor', 'clinic'] as const).map((e) => ref(linked.ids, e));
  return linked.fresh.appointments.map(({ id, row: { value: a } }) => ({
    id,
    patient_id: patient!(a.patient),
    doctor_id: doctor!(a.doctor),
    clinic_id: clinic!(a.clinic),
    starts_at: a.startsAt,
    ends_at: a.endsAt,
    time_known: a.timeKnown,
    status: a.status,
    reason: a.reason,
    booked_at: a.bookedAt,
  }));
}

export function encounterRows(linked: Linked): DbRow[] {
  const [patient, doctor, appointment] = (['patient', 'doctor', 'appointment'] as const).map((e) =>
    ref(linked.ids, e),
  );
  return linked.fresh.encounters.map(({ id, row: { value: e } }) => ({
    id,
    patient_id: patient!(e.patient),
    doctor_id: doctor!(e.doctor),
    appointment_id: e.appointment === null ? null : appointment!(e.appointment),
    occurred_at: e.occurredAt,
    reason: e.reason,
  }));
}

export type EntryTable = 'diagnoses' | 'billing_lines' | 'clinical_notes' | 'prescriptions' | 'lab_results';

const TABLE_OF: Record<EntryData['kind'], EntryTable> = {
  diagnosis: 'diagnoses',
  billing: 'billing_lines',
  note: 'clinical_notes',
  prescription: 'prescriptions',
  lab: 'lab_results',
};

function content(data: EntryData): DbRow {
  switch (data.kind) {
    case 'diagnosis':
      return { code: data.code, text: data.text };
    case 'billing':
      return { description: data.description, amount: data.amount, currency: data.currency };
    case 'note':
      return { body: data.body };
    case 'prescription':
      return {
        medication: data.medication,
        dose: data.dose,
        route: data.route,
        frequency: data.frequency,
        duration_days: data.durationDays,
      };
    case 'lab':
      return {
        test_name: data.testName,
        loinc: data.loinc,
        value_numeric: data.valueNumeric,
        value_text: data.valueText,
        unit: data.unit,
      };
  }
}

/** Entry rows grouped by table; `owners` gives each encounter's patient and doctor. */
export function entryRows(linked: Linked, owners: Map<string, Owner>): Map<EntryTable, DbRow[]> {
  const encounter = ref(linked.ids, 'encounter');
  const byTable = new Map<EntryTable, DbRow[]>();
  for (const { id, row } of linked.fresh.entries) {
    const encounterId = encounter(row.value.encounter);
    const owner = owners.get(encounterId)!;
    const table = TABLE_OF[row.value.data.kind];
    const rows = byTable.get(table) ?? [];
    rows.push({
      id,
      encounter_id: encounterId,
      patient_id: owner.patientId,
      doctor_id: owner.doctorId,
      occurred_at: row.value.occurredAt,
      ...content(row.value.data),
    });
    byTable.set(table, rows);
  }
  return byTable;
}
