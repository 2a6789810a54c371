/**
 * Health Synth files: the generator's five files (clinics, doctors, patients, appointments, records), or the
 * original five-file layout (fewer columns, `last_reports.csv` for the records). Columns the original lacks
 * are filled by the rules in catalogue.ts. Pure apart from reading the files.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readCsv, requireColumns, type CsvFile, type CsvRow } from './csv.ts';
import { parseAvailability } from './availability.ts';
import { BRAZIL_ZONE } from './catalogue.ts';
import { readAppointments, readRecords, UNASSIGNED_CLINIC } from './healthsynth-visits.ts';
import { countRepair, emptySet, type ImportSet, type Origin } from './model.ts';
import { Fields, minusYears } from './rules.ts';

const REQUIRED = {
  clinics: ['ClinicID'],
  doctors: ['DoctorID', 'DoctorName', 'Specialty', 'ClinicID'],
  patients: [
    'PatientID',
    'Gender',
    'Age',
    'Neighbourhood',
    'Scholarship',
    'Hipertension',
    'Diabetes',
    'Alcoholism',
    'Handcap',
  ],
  appointments: ['AppointmentID', 'PatientID', 'ScheduledDay', 'AppointmentDay', 'NoShow'],
  records: ['PatientID', 'DoctorID', 'LastReportDate', 'HealthDisease', 'LastBilling'],
} as const;

type FileKey = keyof typeof REQUIRED;

const originOf = (file: string, row: CsvRow): Origin => ({ file, line: row.line, raw: row.raw });

/** `asOf`: visits after it are bookings (status booked, their records not loaded) — for sets reaching into the future. */
export function parseHealthSynth(dir: string, options: { asOf?: Date } = {}): ImportSet {
  const set = emptySet();
  const files = {} as Record<FileKey, CsvFile | undefined>;
  for (const key of Object.keys(REQUIRED) as FileKey[]) {
    const name = key === 'records' && !existsSync(join(dir, 'records.csv')) ? 'last_reports' : key;
    const path = join(dir, `${name}.csv`);
    if (!existsSync(path)) {
      if (key !== 'records' && key !== 'clinics')
        set.issues.push({ file: `${name}.csv`, line: 0, column: '', reason: 'file is missing' });
      continue;
    }
    const csv = readCsv(path, set.issues);
    set.files.push({ file: csv.file, rows: csv.rows.length });
    if (requireColumns(csv, REQUIRED[key], set.issues)) files[key] = csv;
  }
  if (files.clinics) for (const row of files.clinics.rows) readClinic(set, files.clinics, row);
  if (files.doctors) for (const row of files.doctors.rows) readDoctor(set, files.doctors, row);
  if (files.patients) for (const row of files.patients.rows) readPatient(set, files.patients, row);
  const starts = readAppointments(set, files.appointments, options.asOf?.toISOString());
  if (files.records) readRecords(set, files.records, starts);
  return set;
}

function readClinic(set: ImportSet, csv: CsvFile, row: CsvRow): void {
  const f = new Fields(csv.file, row);
  const id = f.text('ClinicID');
  const has = (c: string) => csv.header.includes(c) && row.get(c).trim() !== '';
  const value = {
    name: has('Name') ? row.get('Name').trim() : `Clinic ${id ?? ''}`,
    neighbourhood: has('Neighbourhood') ? row.get('Neighbourhood').trim() : 'Unknown',
    address: f.optional('Address'),
    latitude: f.coordinate('Latitude', 90) ?? null,
    longitude: f.coordinate('Longitude', 180) ?? null,
    timezone: has('TimeZone') ? row.get('TimeZone').trim() : BRAZIL_ZONE,
    capacity: has('Capacity') ? (f.int('Capacity', 1, 100_000) ?? 0) : 100,
    emergencyPhone: has('EmergencyPhone') ? row.get('EmergencyPhone').trim() : '192',
    closedOnWeekends: has('ClosedOnWeekends') ? (f.flag('ClosedOnWeekends') ?? true) : true,
  };
  if (!f.ok || id === undefined) return void set.issues.push(...f.issues);
  set.clinics.push({ sourceId: id, origin: originOf(csv.file, row), value });
}

function readDoctor(set: ImportSet, csv: CsvFile, row: CsvRow): void {
  const f = new Fields(csv.file, row);
  const [id, name, specialty, clinic] = ['DoctorID', 'DoctorName', 'Specialty', 'ClinicID'].map((c) =>
    f.text(c),
  );
  const availability = row.get('Availability').trim();
  const hours = availability === '' ? [] : parseAvailability(availability);
  if (!hours) f.fail('Availability', 'is not like "Mon-Fri 08:00-12:00 13:00-17:00; Sat 08:00-12:00"');
  const slotMinutes = row.get('SlotMinutes').trim() === '' ? 30 : f.int('SlotMinutes', 5, 480);
  if (!f.ok || !id || !name || !specialty || !clinic || !hours || slotMinutes === undefined)
    return void set.issues.push(...f.issues);
  set.doctors.push({
    sourceId: id,
    origin: originOf(csv.file, row),
    value: {
      clinic,
      name,
      specialty,
      email: f.optional('Email'),
      phone: f.optional('Phone'),
      slotMinutes,
      hours,
    },
  });
}

function readPatient(set: ImportSet, csv: CsvFile, row: CsvRow): void {
  const f = new Fields(csv.file, row);
  const id = f.text('PatientID');
  const gender = f.oneOf('Gender', ['F', 'M'] as const);
  const age = f.int('Age', 0, 130);
  const neighbourhood = f.text('Neighbourhood');
  const [scholarship, hypertension, diabetes, alcoholism] = [
    'Scholarship',
    'Hipertension',
    'Diabetes',
    'Alcoholism',
  ].map((c) => f.flag(c));
  const handicap = f.int('Handcap', 0, 4);
  const birth = f.optionalDate('BirthDate');
  const visit = f.optionalDate('VisitDate');
  const name = f.optional('Name');
  const latitude = f.coordinate('Latitude', 90);
  const longitude = f.coordinate('Longitude', 180);
  if (!f.ok || !id || age === undefined) return void set.issues.push(...f.issues);
  if (!birth) countRepair(set, 'healthsynth.birth_date_from_age');
  if (!name) countRepair(set, 'healthsynth.name_from_id');
  const today = new Date().toISOString().slice(0, 10);
  set.patients.push({
    sourceId: id,
    origin: originOf(csv.file, row),
    value: {
      name: name ?? `Patient ${id}`,
      gender: gender!,
      birthDate: birth ?? minusYears(visit ?? today, age),
      identified: Boolean(name && birth),
      neighbourhood: neighbourhood!,
      scholarship: scholarship!,
      hypertension: hypertension!,
      diabetes: diabetes!,
      alcoholism: alcoholism!,
      handicap: handicap!,
      phone: f.optional('Phone'),
      address: null,
      latitude: latitude ?? null,
      longitude: longitude ?? null,
    },
  });
}

export { UNASSIGNED_CLINIC };
