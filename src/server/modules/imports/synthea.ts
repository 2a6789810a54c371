/**
 * Synthea CSV export: organizations → clinics, providers → doctors, patients, encounters (with their cost
 * as a billing line), conditions → notes (SNOMED CT, not ICD-10-CM), medications → prescriptions,
 * observations → lab results. Pure apart from reading the files.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readCsv, requireColumns, type CsvFile, type CsvRow } from './csv.ts';
import { countRepair, emptySet, type ImportSet, type Origin } from './model.ts';
import { Fields, titleCase } from './rules.ts';
import { readClinicalFiles } from './synthea-clinical.ts';

export const SYNTHEA_ZONE = 'America/New_York';

export const SYNTHEA_FILES = {
  organizations: ['Id', 'NAME', 'CITY'],
  providers: ['Id', 'ORGANIZATION', 'NAME', 'SPECIALITY'],
  patients: ['Id', 'BIRTHDATE', 'FIRST', 'LAST', 'GENDER', 'CITY'],
  encounters: ['Id', 'START', 'PATIENT', 'PROVIDER', 'DESCRIPTION', 'BASE_ENCOUNTER_COST'],
  conditions: ['START', 'PATIENT', 'ENCOUNTER', 'CODE', 'DESCRIPTION'],
  medications: ['START', 'PATIENT', 'ENCOUNTER', 'CODE', 'DESCRIPTION'],
  observations: ['DATE', 'PATIENT', 'ENCOUNTER', 'CODE', 'DESCRIPTION', 'VALUE', 'UNITS', 'TYPE'],
} as const;

export type SyntheaFile = keyof typeof SYNTHEA_FILES;
export type SyntheaFiles = Partial<Record<SyntheaFile, CsvFile>>;

export const originOf = (csv: CsvFile, row: CsvRow): Origin => ({
  file: csv.file,
  line: row.line,
  raw: row.raw,
});

export function parseSynthea(dir: string): ImportSet {
  const set = emptySet();
  const files: SyntheaFiles = {};
  for (const name of Object.keys(SYNTHEA_FILES) as SyntheaFile[]) {
    const path = join(dir, `${name}.csv`);
    if (!existsSync(path)) {
      set.issues.push({ file: `${name}.csv`, line: 0, column: '', reason: 'file is missing' });
      continue;
    }
    const csv = readCsv(path, set.issues);
    set.files.push({ file: csv.file, rows: csv.rows.length });
    if (requireColumns(csv, SYNTHEA_FILES[name], set.issues)) files[name] = csv;
  }
  for (const row of files.organizations?.rows ?? []) readOrganization(set, files.organizations!, row);
  for (const row of files.providers?.rows ?? []) readProvider(set, files.providers!, row);
  for (const row of files.patients?.rows ?? []) readPatient(set, files.patients!, row);
  readClinicalFiles(set, files);
  return set;
}

/** `Maynard46` → `Maynard` (counted when digits were there). */
export function withoutDigits(set: ImportSet, name: string): string {
  const clean = name.replace(/\d+/g, '').replace(/\s+/g, ' ').trim();
  if (clean !== name.trim()) countRepair(set, 'synthea.name_digits');
  return clean;
}

function readOrganization(set: ImportSet, csv: CsvFile, row: CsvRow): void {
  const f = new Fields(csv.file, row);
  const [id, name, city] = ['Id', 'NAME', 'CITY'].map((c) => f.text(c));
  const latitude = f.coordinate('LAT', 90);
  const longitude = f.coordinate('LON', 180);
  if (!f.ok || !id || !name || !city) return void set.issues.push(...f.issues);
  const address = [f.optional('ADDRESS'), titleCase(city), f.optional('STATE'), f.optional('ZIP')];
  set.clinics.push({
    sourceId: id,
    origin: originOf(csv, row),
    value: {
      name: titleCase(name),
      neighbourhood: titleCase(city),
      address: address.filter(Boolean).join(', '),
      latitude: latitude ?? null,
      longitude: longitude ?? null,
      timezone: SYNTHEA_ZONE,
      capacity: 100,
      emergencyPhone: '911',
      closedOnWeekends: false,
    },
  });
}

function readProvider(set: ImportSet, csv: CsvFile, row: CsvRow): void {
  const f = new Fields(csv.file, row);
  const [id, clinic, name, specialty] = ['Id', 'ORGANIZATION', 'NAME', 'SPECIALITY'].map((c) => f.text(c));
  if (!f.ok || !id || !clinic || !name || !specialty) return void set.issues.push(...f.issues);
  set.doctors.push({
    sourceId: id,
    origin: originOf(csv, row),
    value: {
      clinic,
      name: withoutDigits(set, name),
      specialty: titleCase(specialty),
      email: null,
      phone: null,
      slotMinutes: 30,
      hours: [],
    },
  });
}

function readPatient(set: ImportSet, csv: CsvFile, row: CsvRow): void {
  const f = new Fields(csv.file, row);
  const [id, first, last, city] = ['Id', 'FIRST', 'LAST', 'CITY'].map((c) => f.text(c));
  const birthDate = f.date('BIRTHDATE');
  const gender = f.oneOf('GENDER', ['F', 'M'] as const);
  const latitude = f.coordinate('LAT', 90);
  const longitude = f.coordinate('LON', 180);
  if (!f.ok || !id || !first || !last || !city || !birthDate || !gender)
    return void set.issues.push(...f.issues);
  set.patients.push({
    sourceId: id,
    origin: originOf(csv, row),
    value: {
      name: `${withoutDigits(set, first)} ${withoutDigits(set, last)}`,
      gender,
      birthDate,
      identified: true,
      neighbourhood: city,
      scholarship: false,
      hypertension: false,
      diabetes: false,
      alcoholism: false,
      handicap: 0,
      phone: null,
      address: f.optional('ADDRESS'),
      latitude: latitude ?? null,
      longitude: longitude ?? null,
    },
  });
}
