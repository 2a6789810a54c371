/** Health Synth appointments and records (generator or original layout) → staged visits and entries. Pure. */
import { APPOINTMENT_STATUSES } from '../../db/schema/index.ts';
import { GENERAL_PRACTICE } from '../../demo/catalog.ts';
import { BRAZIL_ZONE, localDay, localNoon } from './catalogue.ts';
import type { CsvFile, CsvRow } from './csv.ts';
import { countRepair, type ImportSet, type Origin } from './model.ts';
import { Fields } from './rules.ts';
import { UNASSIGNED_DOCTOR } from './noshow.ts';

export const UNASSIGNED_CLINIC = 'unassigned';
const ICD10 = /^[A-Z]\d[0-9A-Z](\.?[0-9A-Z]{1,4})?$/;

export interface Visit {
  startsAt: string;
  reason: string | null;
  /** Starts after the import's `asOf`: a booking, not yet attended. */
  future: boolean;
}

/** The unassigned doctor (and, without a clinic, the unassigned clinic) for visits that name no doctor. */
function unassigned(set: ImportSet, clinic: string, origin: Origin): string {
  const doctor = `unassigned:${clinic}`;
  if (set.doctors.some((d) => d.sourceId === doctor)) return doctor;
  if (clinic === UNASSIGNED_CLINIC) {
    set.clinics.push({
      sourceId: clinic,
      origin,
      value: {
        name: 'Unassigned clinic (imported visits)',
        neighbourhood: 'Unknown',
        address: null,
        latitude: null,
        longitude: null,
        timezone: BRAZIL_ZONE,
        capacity: 100,
        emergencyPhone: '192',
        closedOnWeekends: true,
      },
    });
  }
  countRepair(set, 'unassigned_doctor');
  set.doctors.push({
    sourceId: doctor,
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
  return doctor;
}

function dayOf(f: Fields, row: CsvRow): string | undefined {
  const value = row.get('AppointmentDay').trim().slice(0, 10);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  f.fail('AppointmentDay', `"${value}" is not a date`);
  return undefined;
}

function readAppointment(
  set: ImportSet,
  csv: CsvFile,
  row: CsvRow,
  visits: Map<string, Visit>,
  asOf: string | undefined,
): void {
  const f = new Fields(csv.file, row);
  const id = f.text('AppointmentID');
  const patient = f.text('PatientID');
  const bookedAt = f.timestamp('ScheduledDay');
  const day = dayOf(f, row);
  const noShow = f.oneOf('NoShow', ['Yes', 'No'] as const);
  const timed = row.get('DoctorID').trim() !== '' && row.get('StartsAt').trim() !== '';
  const doctor = timed ? f.text('DoctorID') : undefined;
  const clinic = timed ? f.text('ClinicID') : (f.optional('ClinicID') ?? UNASSIGNED_CLINIC);
  const startsAt = timed ? f.timestamp('StartsAt') : undefined;
  const endsAt = timed ? f.timestamp('EndsAt') : undefined;
  const status = csv.header.includes('Status') ? f.oneOf('Status', APPOINTMENT_STATUSES) : undefined;
  if (startsAt && endsAt && endsAt <= startsAt) f.fail('EndsAt', 'is not after StartsAt');
  if (!f.ok || !id || !patient || !bookedAt || !day || !clinic) return void set.issues.push(...f.issues);
  const origin: Origin = { file: csv.file, line: row.line, raw: row.raw };
  const bounds = timed ? { start: startsAt!, end: endsAt! } : localDay(day, BRAZIL_ZONE);
  if (!timed) countRepair(set, 'day_only_visit');
  const reason = f.optional('Reason');
  const future = asOf !== undefined && bounds.start > asOf && status !== 'cancelled';
  if (future) countRepair(set, 'healthsynth.future_visit_booked');
  visits.set(id, { startsAt: bounds.start, reason, future });
  set.appointments.push({
    sourceId: id,
    origin,
    value: {
      patient,
      doctor: doctor ?? unassigned(set, clinic, origin),
      clinic,
      startsAt: bounds.start,
      endsAt: bounds.end,
      timeKnown: timed,
      status: future ? 'booked' : (status ?? (noShow === 'Yes' ? 'no_show' : 'completed')),
      reason,
      // A booking of a future visit cannot have been made after the as-of time either.
      bookedAt: future && bookedAt > asOf ? asOf : bookedAt,
    },
  });
}

export function readAppointments(
  set: ImportSet,
  csv: CsvFile | undefined,
  asOf: string | undefined,
): Map<string, Visit> {
  if (!csv) return new Map();
  const visits = new Map<string, Visit>();
  for (const row of csv.rows) readAppointment(set, csv, row, visits, asOf);
  return visits;
}

export function readRecords(set: ImportSet, csv: CsvFile, visits: Map<string, Visit>): void {
  const generated = csv.header.includes('RecordID') && csv.header.includes('ICD10Code');
  const encounters = new Set<string>();
  for (const row of csv.rows) {
    const f = new Fields(csv.file, row);
    const [patient, doctor, disease] = ['PatientID', 'DoctorID', 'HealthDisease'].map((c) => f.text(c));
    const date = f.date('LastReportDate');
    const amount = f.money('LastBilling');
    const record = generated ? f.text('RecordID') : undefined;
    const appointment = generated ? f.text('AppointmentID') : undefined;
    const code = generated ? f.text('ICD10Code') : undefined;
    if (code && !ICD10.test(code)) f.fail('ICD10Code', `"${code}" is not an ICD-10-CM code`);
    if (!f.ok || !patient || !doctor || !disease || !date || !amount) {
      set.issues.push(...f.issues);
      continue;
    }
    const origin: Origin = { file: csv.file, line: row.line, raw: row.raw };
    const visit = appointment ? visits.get(appointment) : undefined;
    if (visit?.future) {
      countRepair(set, 'healthsynth.future_record_skipped');
      continue;
    }
    const occurredAt = visit?.startsAt ?? localNoon(date, BRAZIL_ZONE);
    const encounter = appointment ? `appointment:${appointment}` : `visit:${patient}|${doctor}|${date}`;
    if (!encounters.has(encounter)) {
      encounters.add(encounter);
      set.encounters.push({
        sourceId: encounter,
        origin,
        value: {
          patient,
          doctor,
          appointment: appointment ?? null,
          occurredAt,
          reason: visit?.reason ?? null,
        },
      });
    }
    const key = record ?? `${patient}|${doctor}|${date}|${disease}`;
    const entry = (prefix: string, data: ImportSet['entries'][number]['value']['data']) =>
      set.entries.push({ sourceId: `${prefix}:${key}`, origin, value: { encounter, occurredAt, data } });
    if (code) entry('diagnosis', { kind: 'diagnosis', code: code.replace('.', ''), text: disease });
    else {
      countRepair(set, 'healthsynth.report_as_note');
      entry('note', { kind: 'note', body: `Reported health condition: ${disease}` });
    }
    entry('billing', { kind: 'billing', description: disease.slice(0, 200), amount, currency: 'BRL' });
  }
}
