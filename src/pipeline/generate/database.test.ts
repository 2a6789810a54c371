/**
 * The no-overlap guarantee checked by the real database: a generated sample loaded through Drizzle into a
 * migrated database whose EXCLUDE constraints refuse overlapping appointments of one doctor or one patient.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/db.ts';
import type { Database } from '../../server/db/client.ts';
import {
  appointments,
  clinics,
  doctors,
  patients,
  type AppointmentStatus,
} from '../../server/db/schema/index.ts';
import { newId } from '../../server/db/schema/columns.ts';
import { generateSample, settings, type Row } from './test-support.ts';

const { rows } = generateSample(settings({ patients: 600, seed: 3 }));
const ids = {
  clinic: new Map(rows.clinics.map((c) => [c.ClinicID!, newId()])),
  doctor: new Map(rows.doctors.map((d) => [d.DoctorID!, newId()])),
  patient: new Map(rows.patients.map((p) => [p.PatientID!, newId()])),
};
const code = (prefix: string, id: string, width: number) => prefix + id.padStart(width, '0');
const flag = (value: string | undefined): boolean => value === '1';
const BATCH = 500;

let database: Database;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.close();
});

async function insertInBatches<T>(insert: (batch: T[]) => Promise<unknown>, values: T[]): Promise<void> {
  for (let i = 0; i < values.length; i += BATCH) await insert(values.slice(i, i + BATCH));
}

const appointmentRow = (a: Row) => ({
  id: newId(),
  externalId: Number(a.AppointmentID),
  doctorId: ids.doctor.get(a.DoctorID!)!,
  patientId: ids.patient.get(a.PatientID!)!,
  clinicId: ids.clinic.get(a.ClinicID!)!,
  startsAt: new Date(a.StartsAt!),
  endsAt: new Date(a.EndsAt!),
  status: a.Status as AppointmentStatus,
  reason: a.Reason!,
  bookedAt: new Date(a.ScheduledDay!),
});

const clinicRow = (c: Row) => ({
  id: ids.clinic.get(c.ClinicID!)!,
  code: code('C', c.ClinicID!, 3),
  name: c.Name!,
  neighbourhood: c.Neighbourhood!,
  address: c.Address!,
  latitude: Number(c.Latitude),
  longitude: Number(c.Longitude),
  timezone: c.TimeZone!,
  capacity: Number(c.Capacity),
  emergencyPhone: c.EmergencyPhone!,
  closedOnWeekends: flag(c.ClosedOnWeekends),
});

const doctorRow = (d: Row) => ({
  id: ids.doctor.get(d.DoctorID!)!,
  code: code('D', d.DoctorID!, 4),
  clinicId: ids.clinic.get(d.ClinicID!)!,
  name: d.DoctorName!,
  specialty: d.Specialty!,
  email: d.Email!,
  phone: d.Phone!,
  slotMinutes: Number(d.SlotMinutes),
});

/** Gender F/M and handicap 0–4 map one to one; the 0/1 flags become booleans. */
const patientRow = (p: Row) => ({
  id: ids.patient.get(p.PatientID!)!,
  code: code('P', p.PatientID!, 4),
  name: p.Name!,
  gender: p.Gender as 'F' | 'M',
  birthDate: p.BirthDate!,
  neighbourhood: p.Neighbourhood!,
  scholarship: flag(p.Scholarship),
  hypertension: flag(p.Hipertension),
  diabetes: flag(p.Diabetes),
  alcoholism: flag(p.Alcoholism),
  handicap: Number(p.Handcap),
  phone: p.Phone!,
  latitude: Number(p.Latitude),
  longitude: Number(p.Longitude),
});

async function loadSample(): Promise<void> {
  const { db } = database;
  await db.insert(clinics).values(rows.clinics.map(clinicRow));
  await db.insert(doctors).values(rows.doctors.map(doctorRow));
  await insertInBatches((batch) => db.insert(patients).values(batch), rows.patients.map(patientRow));
  await insertInBatches(
    (batch) => db.insert(appointments).values(batch),
    rows.appointments.map(appointmentRow),
  );
}

/** SQLSTATE of a failed insert (Drizzle wraps driver errors: the code sits on `cause`). */
async function sqlState(work: Promise<unknown>): Promise<string | undefined> {
  try {
    await work;
    return undefined;
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause;
    return cause?.code ?? (err as { code?: string }).code;
  }
}

describe('generated appointments in the database', () => {
  it("load without tripping the database's overlap constraints", async () => {
    await loadSample();
    expect(await database.db.$count(appointments)).toBe(rows.appointments.length);
    expect(rows.appointments.length).toBeGreaterThan(2500);
  });

  it('are really guarded: a copy of one for the same doctor, or the same patient, is refused (23P01)', async () => {
    const taken = rows.appointments.find((a) => a.Status === 'completed')!;
    const copy = appointmentRow(taken);
    const otherPatient = rows.patients.find((p) => p.PatientID !== taken.PatientID)!;
    const otherDoctor = rows.doctors.find((d) => d.DoctorID !== taken.DoctorID)!;
    const sameDoctor = {
      ...copy,
      id: newId(),
      externalId: null,
      patientId: ids.patient.get(otherPatient.PatientID!)!,
    };
    const samePatient = {
      ...copy,
      id: newId(),
      externalId: null,
      doctorId: ids.doctor.get(otherDoctor.DoctorID!)!,
    };
    expect(await sqlState(database.db.insert(appointments).values(sameDoctor))).toBe('23P01');
    expect(await sqlState(database.db.insert(appointments).values(samePatient))).toBe('23P01');
  });
});
