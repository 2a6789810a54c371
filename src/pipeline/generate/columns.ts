/**
 * The column catalogue: every file and column the generator writes, in order, with its type and meaning.
 * The one place columns are defined — the CSV headers, the Parquet column types and `--describe` all read
 * it. The Health Synth columns come first, spelled as in the original (`Hipertension`, `Handcap`,
 * `SMS_received`…), then the columns a consistent data set needs. Pure.
 */

export type ColumnType = 'id' | 'integer' | 'flag' | 'text' | 'date' | 'timestamp' | 'money' | 'coordinate';

export interface Column {
  readonly name: string;
  readonly type: ColumnType;
  readonly description: string;
}

export interface FileSpec {
  readonly name: FileName;
  readonly description: string;
  readonly columns: readonly Column[];
}

export const FILE_NAMES = ['clinics', 'doctors', 'patients', 'appointments', 'records'] as const;
export type FileName = (typeof FILE_NAMES)[number];

/** How each type is written in the CSV, and the type it gets in Parquet (DuckDB). */
export const COLUMN_TYPES: Readonly<Record<ColumnType, { csv: string; sql: string }>> = {
  id: { csv: 'whole number ≥ 1', sql: 'BIGINT' },
  integer: { csv: 'whole number', sql: 'INTEGER' },
  flag: { csv: '0 or 1', sql: 'TINYINT' },
  text: { csv: 'text (UTF-8, quoted when it holds a comma)', sql: 'VARCHAR' },
  date: { csv: 'YYYY-MM-DD (clinic local date)', sql: 'DATE' },
  timestamp: { csv: 'YYYY-MM-DDTHH:MM:SS±HH:MM (local time with its UTC offset)', sql: 'TIMESTAMPTZ' },
  money: { csv: 'BRL, exact decimal with 2 places, e.g. 152.50', sql: 'DECIMAL(12,2)' },
  coordinate: { csv: 'decimal degrees (WGS 84), 5 places', sql: 'DOUBLE' },
};

const col = (name: string, type: ColumnType, description: string): Column => ({ name, type, description });

export const CATALOGUE: readonly FileSpec[] = [
  {
    name: 'clinics',
    description: 'Clinics in Vitória (Espírito Santo, Brazil), one row each.',
    columns: [
      col('ClinicID', 'id', 'Clinic identifier (Health Synth).'),
      col('Name', 'text', 'Clinic name.'),
      col('Neighbourhood', 'text', 'Neighbourhood of Vitória the clinic stands in.'),
      col('Address', 'text', 'Street address.'),
      col('Latitude', 'coordinate', 'Latitude of the clinic.'),
      col('Longitude', 'coordinate', 'Longitude of the clinic.'),
      col('TimeZone', 'text', 'IANA time zone of all local times at this clinic (America/Sao_Paulo).'),
      col('Capacity', 'integer', "Appointments the clinic can hold on its busiest day (its doctors' slots)."),
      col('EmergencyPhone', 'text', 'Number to call when the clinic is closed.'),
      col(
        'ClosedOnWeekends',
        'flag',
        '1 when the clinic opens Monday to Friday only; 0 when it also opens on Saturday mornings.',
      ),
      col(
        'PriceIndex',
        'integer',
        "Percent applied to the standard prices at this clinic (90–130); see records' LastBilling.",
      ),
    ],
  },
  {
    name: 'doctors',
    description: 'Doctors, one row each; every doctor works at one clinic.',
    columns: [
      col('DoctorID', 'id', 'Doctor identifier (Health Synth).'),
      col('DoctorName', 'text', 'Full name with title (Dr./Dra.).'),
      col('Specialty', 'text', 'Medical specialty.'),
      col('ClinicID', 'id', 'Clinic the doctor works at (clinics.ClinicID).'),
      col(
        'Availability',
        'text',
        'Weekly working hours in clinic local time: groups of days and HH:MM-HH:MM ranges, e.g. "Mon-Fri 08:00-12:00 13:00-17:00; Sat 08:00-12:00". Appointments fall only inside these hours.',
      ),
      col(
        'SlotMinutes',
        'integer',
        'Length of one appointment; slots run back to back from the start of each range.',
      ),
      col('Email', 'text', 'Work e-mail (example.org).'),
      col('Phone', 'text', 'Mobile number.'),
    ],
  },
  {
    name: 'patients',
    description: 'Registered patients, one row each; age and sex follow the Brazilian 2022 census pyramid.',
    columns: [
      col('PatientID', 'id', 'Patient identifier (Health Synth).'),
      col('Gender', 'text', 'F or M.'),
      col('Age', 'integer', 'Age in whole years on the first day of the generated period (--start).'),
      col('Neighbourhood', 'text', 'Neighbourhood of Vitória where the patient lives.'),
      col('Scholarship', 'flag', 'Enrolled in the Bolsa Família welfare programme.'),
      col('Hipertension', 'flag', 'Diagnosed with hypertension (spelling as in the source data).'),
      col('Diabetes', 'flag', 'Diagnosed with diabetes.'),
      col('Alcoholism', 'flag', 'Diagnosed with alcohol dependence.'),
      col('Handcap', 'integer', 'Number of disabilities, 0–4 (spelling as in the source data).'),
      col(
        'VisitDate',
        'date',
        "Date of the patient's last attended appointment in the period; empty if none.",
      ),
      col('Name', 'text', 'Full name: first name and two family names.'),
      col('BirthDate', 'date', 'Date of birth.'),
      col('Phone', 'text', 'Mobile number.'),
      col(
        'Latitude',
        'coordinate',
        'Latitude of the home (within a few hundred metres of the neighbourhood centre).',
      ),
      col('Longitude', 'coordinate', 'Longitude of the home.'),
      col(
        'ClinicID',
        'id',
        'Home clinic (clinics.ClinicID), usually one near home; general-practice visits go there.',
      ),
    ],
  },
  {
    name: 'appointments',
    description:
      "Appointments in the period, grouped by patient and in time order within a patient. No doctor and no patient has two that overlap; all lie inside the doctor's hours and the clinic's open days.",
    columns: [
      col('AppointmentID', 'id', 'Appointment identifier (Health Synth).'),
      col('PatientID', 'id', 'Patient (patients.PatientID).'),
      col(
        'ScheduledDay',
        'timestamp',
        'When the appointment was booked; before StartsAt, sometimes before the period.',
      ),
      col('AppointmentDay', 'date', 'Local date of the appointment.'),
      col(
        'NoShow',
        'text',
        '"Yes" when the patient did not come, else "No" (cancelled appointments are "No").',
      ),
      col('DoctorID', 'id', 'Doctor (doctors.DoctorID).'),
      col('ClinicID', 'id', "Clinic (clinics.ClinicID): the doctor's clinic."),
      col('StartsAt', 'timestamp', "Start, local time with offset; on the doctor's slot grid."),
      col('EndsAt', 'timestamp', "End: StartsAt plus the doctor's SlotMinutes."),
      col('Status', 'text', 'completed, no_show or cancelled (the period lies in the past).'),
      col(
        'SMS_received',
        'flag',
        '1 when an SMS reminder was sent the day before (only for bookings 2+ days ahead).',
      ),
      col('Specialty', 'text', "The doctor's specialty."),
      col(
        'Reason',
        'text',
        "The reason the patient gave when booking, in the patient's words; fits the specialty.",
      ),
    ],
  },
  {
    name: 'records',
    description:
      'Diagnoses written at attended appointments: one row per diagnosis, the reason-related one first (rank 1), then chronic conditions the visit dealt with or a second finding.',
    columns: [
      col('PatientID', 'id', 'Patient (patients.PatientID).'),
      col('DoctorID', 'id', 'Doctor who wrote the record (doctors.DoctorID).'),
      col('LastReportDate', 'date', 'Date of the visit.'),
      col('HealthDisease', 'text', 'Diagnosis: the official ICD-10-CM description of ICD10Code.'),
      col(
        'LastBilling',
        'money',
        "Billed for this diagnosis: rank 1 carries the specialty's consultation fee plus the diagnosis work-up, later ranks the work-up only; times the clinic's PriceIndex.",
      ),
      col('RecordID', 'id', 'Record identifier.'),
      col('AppointmentID', 'id', 'Appointment the record was written at (appointments.AppointmentID).'),
      col('ClinicID', 'id', 'Clinic of the visit (clinics.ClinicID).'),
      col('ICD10Code', 'text', 'ICD-10-CM (FY2026) diagnosis code, dotted form, e.g. E11.9.'),
      col('DiagnosisRank', 'integer', '1 for the diagnosis behind the visit, 2 and up for further ones.'),
    ],
  },
];

export function fileSpec(name: FileName): FileSpec {
  const spec = CATALOGUE.find((f) => f.name === name);
  if (!spec) throw new RangeError(`no file named ${name}`);
  return spec;
}

export const headerLine = (name: FileName): string =>
  fileSpec(name)
    .columns.map((c) => c.name)
    .join(',') + '\n';

/** The schema note printed by `healthsync generate --describe`. */
export function describeCatalogue(): string {
  const lines = [
    'Health Synth data set: five CSV (or Parquet) files, UTF-8, comma-separated, one header row.',
    'Health Synth column names come first, spelled as in the original; the columns after them make the set',
    'consistent (every id points at a row of another file, all times carry their UTC offset).',
    'No-shows depend on lead time (AppointmentDay minus the date of ScheduledDay), age, SMS_received, the',
    "patient's earlier no-shows (count them per PatientID in StartsAt order), Scholarship and Alcoholism.",
    '',
  ];
  for (const file of CATALOGUE) {
    lines.push(`${file.name}.csv — ${file.description}`);
    for (const c of file.columns) lines.push(`  ${c.name.padEnd(17)} ${c.type.padEnd(10)} ${c.description}`);
    lines.push('');
  }
  lines.push('Types:');
  for (const [type, { csv, sql }] of Object.entries(COLUMN_TYPES))
    lines.push(`  ${type.padEnd(10)} ${csv}; Parquet ${sql}`);
  return lines.join('\n') + '\n';
}
