/**
 * What every format parser produces: source rows turned into HealthSync shapes, still keyed by their
 * source ids (references too), with the problems found and the repair rules applied. Pure data.
 */
import type { AppointmentStatus, ImportEntity, MedicationRoute } from '../../db/schema/index.ts';
import type { Issue } from './rules.ts';

/** Where a staged row came from, for error messages and the reject file. */
export interface Origin {
  readonly file: string;
  readonly line: number;
  readonly raw: string;
}

export interface Staged<T> {
  readonly sourceId: string;
  readonly origin: Origin;
  readonly value: T;
}

export interface ClinicIn {
  name: string;
  neighbourhood: string;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  timezone: string;
  capacity: number;
  emergencyPhone: string;
  closedOnWeekends: boolean;
}

export interface WeeklyHours {
  weekday: number;
  startTime: string;
  endTime: string;
}

export interface DoctorIn {
  clinic: string;
  name: string;
  specialty: string;
  email: string | null;
  phone: string | null;
  slotMinutes: number;
  hours: WeeklyHours[];
}

export interface PatientIn {
  name: string;
  gender: 'F' | 'M' | 'X';
  birthDate: string;
  /** False when the name or birth date was made up from what the source had: never used for matching. */
  identified: boolean;
  neighbourhood: string;
  scholarship: boolean;
  hypertension: boolean;
  diabetes: boolean;
  alcoholism: boolean;
  handicap: number;
  phone: string | null;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
}

export interface AppointmentIn {
  patient: string;
  doctor: string;
  clinic: string;
  startsAt: string;
  endsAt: string;
  timeKnown: boolean;
  status: AppointmentStatus;
  reason: string | null;
  bookedAt: string;
}

export interface EncounterIn {
  patient: string;
  doctor: string;
  appointment: string | null;
  occurredAt: string;
  reason: string | null;
}

export type EntryData =
  | { kind: 'diagnosis'; code: string; text: string }
  | { kind: 'billing'; description: string; amount: string; currency: string }
  | { kind: 'note'; body: string }
  | {
      kind: 'prescription';
      medication: string;
      dose: string;
      route: MedicationRoute;
      frequency: string;
      durationDays: number | null;
    }
  | {
      kind: 'lab';
      testName: string;
      loinc: string | null;
      valueNumeric: string | null;
      valueText: string | null;
      unit: string | null;
    };

export interface EntryIn {
  encounter: string;
  occurredAt: string;
  data: EntryData;
}

export interface ImportSet {
  clinics: Staged<ClinicIn>[];
  doctors: Staged<DoctorIn>[];
  patients: Staged<PatientIn>[];
  appointments: Staged<AppointmentIn>[];
  encounters: Staged<EncounterIn>[];
  entries: Staged<EntryIn>[];
  /** Problems that make a row unusable (the file fails, or the row goes to the reject file). */
  issues: Issue[];
  /** Repair rule → rows it changed (each rule is documented in docs/decisions/0010-imports.md). */
  repairs: Map<string, number>;
  files: { file: string; rows: number }[];
}

export const ENTITY_OF = {
  clinics: 'clinic',
  doctors: 'doctor',
  patients: 'patient',
  appointments: 'appointment',
  encounters: 'encounter',
  entries: 'entry',
} as const satisfies Record<string, ImportEntity>;

export function emptySet(): ImportSet {
  return {
    clinics: [],
    doctors: [],
    patients: [],
    appointments: [],
    encounters: [],
    entries: [],
    issues: [],
    repairs: new Map(),
    files: [],
  };
}

export function countRepair(set: ImportSet, rule: string, n = 1): void {
  set.repairs.set(rule, (set.repairs.get(rule) ?? 0) + n);
}
