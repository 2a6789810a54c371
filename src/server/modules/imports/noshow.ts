/**
 * The public "Medical Appointment No Shows" CSV (Vitória, 2016): one row per appointment, the patient's
 * attributes repeated on each. Becomes one clinic per neighbourhood, its unassigned doctor, one patient per
 * PatientId and one day-only appointment per AppointmentID. Quirks are handled by the rules in
 * catalogue.ts. Pure apart from reading the file.
 */
import { statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { GENERAL_PRACTICE } from '../../demo/catalog.ts';
import { readCsv, requireColumns, type CsvRow } from './csv.ts';
import { BRAZIL_ZONE, localDay } from './catalogue.ts';
import { countRepair, emptySet, type ImportSet, type Origin } from './model.ts';
import { Fields, minusYears, normalizeId, titleCase } from './rules.ts';

const COLUMNS = [
  'PatientId',
  'AppointmentID',
  'Gender',
  'ScheduledDay',
  'AppointmentDay',
  'Age',
  'Neighbourhood',
  'Scholarship',
  'Hipertension',
  'Diabetes',
  'Alcoholism',
  'Handcap',
  'SMS_received',
  'No-show',
] as const;

export const UNASSIGNED_DOCTOR = 'Unassigned (imported visits)';
const unassignedId = (clinic: string): string => `unassigned:${clinic}`;

/** A file, or a folder holding exactly one .csv file. */
export function noshowFile(path: string): string {
  if (!statSync(path).isDirectory()) return path;
  const csvs = readdirSync(path).filter((f) => f.toLowerCase().endsWith('.csv'));
  return csvs.length === 1 ? join(path, csvs[0]!) : path;
}

export function parseNoshow(path: string): ImportSet {
  const set = emptySet();
  const csv = readCsv(noshowFile(path), set.issues);
  set.files.push({ file: csv.file, rows: csv.rows.length });
  if (!requireColumns(csv, COLUMNS, set.issues)) return set;
  const clinics = new Set<string>();
  const patients = new Set<string>();
  for (const row of csv.rows) readRow(set, csv.file, row, clinics, patients);
  return set;
}

/** Birth date from an age on a day: that day minus the age in years and half a year (the middle of the range). */
function birthDateFromAge(day: string, age: number): string {
  const date = new Date(`${minusYears(day, age)}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 182);
  return date.toISOString().slice(0, 10);
}

/** One valid row of the file, typed. */
interface NoshowRow {
  patientId: string;
  idInENotation: boolean;
  appointmentId: string;
  gender: 'F' | 'M';
  scheduled: string;
  day: string;
  age: number;
  neighbourhood: string;
  flags: boolean[];
  handicap: number;
  noShow: boolean;
}

function readFields(f: Fields, row: CsvRow): NoshowRow | undefined {
  const patientId = normalizeId(row.get('PatientId'));
  if (!patientId) f.fail('PatientId', `"${row.get('PatientId')}" is not an id`);
  const appointmentId = normalizeId(row.get('AppointmentID'));
  if (!appointmentId || appointmentId.repaired) f.fail('AppointmentID', 'is not a whole number');
  const r = {
    gender: f.oneOf('Gender', ['F', 'M'] as const),
    scheduled: f.timestamp('ScheduledDay'),
    day: f.timestamp('AppointmentDay')?.slice(0, 10),
    age: f.int('Age', -1, 120),
    neighbourhood: f.text('Neighbourhood'),
    flags: ['Scholarship', 'Hipertension', 'Diabetes', 'Alcoholism', 'SMS_received'].map((c) => f.flag(c)),
    handicap: f.int('Handcap', 0, 4),
    noShow: f.oneOf('No-show', ['Yes', 'No'] as const),
  };
  if (!f.ok || !patientId || !appointmentId) return undefined;
  return {
    ...(r as Omit<NoshowRow, 'patientId' | 'idInENotation' | 'appointmentId' | 'noShow' | 'flags'>),
    flags: r.flags as boolean[],
    noShow: r.noShow === 'Yes',
    patientId: patientId.id,
    idInENotation: patientId.repaired,
    appointmentId: appointmentId.id,
  };
}

function readRow(
  set: ImportSet,
  file: string,
  row: CsvRow,
  clinics: Set<string>,
  patients: Set<string>,
): void {
  const f = new Fields(file, row);
  const r = readFields(f, row);
  if (!r) {
    set.issues.push(...f.issues);
    return;
  }
  const origin: Origin = { file, line: row.line, raw: row.raw };
  if (!clinics.has(r.neighbourhood)) {
    clinics.add(r.neighbourhood);
    addClinic(set, r.neighbourhood, origin);
  }
  if (r.idInENotation) countRepair(set, 'noshow.patient_id_e_notation');
  if (!patients.has(r.patientId)) {
    patients.add(r.patientId);
    addPatient(set, r, origin);
  }
  addAppointment(set, r, origin);
}

function addPatient(set: ImportSet, r: NoshowRow, origin: Origin): void {
  if (r.age === -1) countRepair(set, 'noshow.age_negative');
  if (r.handicap > 1) countRepair(set, 'noshow.handcap_above_one');
  countRepair(set, 'noshow.birth_date_from_age');
  countRepair(set, 'noshow.name_from_id');
  const [scholarship, hypertension, diabetes, alcoholism] = r.flags as [boolean, boolean, boolean, boolean];
  set.patients.push({
    sourceId: r.patientId,
    origin,
    value: {
      name: `Patient ${r.patientId}`,
      gender: r.gender,
      birthDate: r.age === -1 ? r.day : birthDateFromAge(r.day, r.age),
      identified: false,
      neighbourhood: titleCase(r.neighbourhood),
      scholarship,
      hypertension,
      diabetes,
      alcoholism,
      handicap: r.handicap,
      phone: null,
      address: null,
      latitude: null,
      longitude: null,
    },
  });
}

function addAppointment(set: ImportSet, r: NoshowRow, origin: Origin): void {
  const bounds = localDay(r.day, BRAZIL_ZONE);
  let bookedAt = r.scheduled;
  if (r.scheduled.slice(0, 10) > r.day) {
    countRepair(set, 'noshow.scheduled_after_appointment');
    bookedAt = bounds.start;
  }
  countRepair(set, 'day_only_visit');
  set.appointments.push({
    sourceId: r.appointmentId,
    origin,
    value: {
      patient: r.patientId,
      doctor: unassignedId(r.neighbourhood),
      clinic: r.neighbourhood,
      startsAt: bounds.start,
      endsAt: bounds.end,
      timeKnown: false,
      status: r.noShow ? 'no_show' : 'completed',
      reason: null,
      bookedAt,
    },
  });
}

function addClinic(set: ImportSet, clinic: string, origin: Origin): void {
  countRepair(set, 'noshow.clinic_per_neighbourhood');
  countRepair(set, 'unassigned_doctor');
  set.clinics.push({
    sourceId: clinic,
    origin,
    value: {
      name: `Unidade de Saúde ${titleCase(clinic)}`,
      neighbourhood: titleCase(clinic),
      address: null,
      latitude: null,
      longitude: null,
      timezone: BRAZIL_ZONE,
      capacity: 100,
      emergencyPhone: '192',
      closedOnWeekends: true,
    },
  });
  set.doctors.push({
    sourceId: unassignedId(clinic),
    origin,
    value: {
      clinic,
      name: UNASSIGNED_DOCTOR,
      specialty: GENERAL_PRACTICE,
      email: null,
      phone: null,
      slotMinutes: 30,
      hours: [],
    },
  });
}
