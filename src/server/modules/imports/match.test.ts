/**
 * Patient matching across sources: the same person (folded name + birth date + sex) in a second source is
 * linked to the existing patient, listed in the report, and never duplicated.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/helpers/db.ts';
import { parseGenerateFlags } from '../../../pipeline/generate/options.ts';
import { generateFiles } from '../../../pipeline/io/generate-files.ts';
import { queryRows, type Database } from '../../db/client.ts';
import { parseCsv } from './csv.ts';
import { importFiles } from './index.ts';
import { count, tempDir, writeFiles } from './test-support.ts';

let database: Database;
const out = tempDir();

beforeAll(async () => {
  database = await createTestDatabase();
  await generateFiles(parseGenerateFlags({ out, patients: '150', seed: '11' }));
  await importFiles(database.db, { format: 'healthsynth', path: out, source: 'clinic-a' });
});
afterAll(async () => {
  await database.close();
});

/** A Synthea export holding generated patient 1 (name spelled the Synthea way) and one new person. */
function syntheaWith(patient: { name: string; birth: string; gender: string }): string {
  const [first, ...rest] = patient.name.split(' ');
  const upper = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();
  return writeFiles({
    'organizations.csv': 'Id,NAME,CITY,LAT,LON\norg-1,CITY HOSPITAL,BOSTON,42.3,-71.1\n',
    'providers.csv': 'Id,ORGANIZATION,NAME,SPECIALITY\ndoc-1,org-1,Ann12 Lee34,GENERAL PRACTICE\n',
    'patients.csv':
      'Id,BIRTHDATE,FIRST,LAST,GENDER,CITY\n' +
      `pat-1,${patient.birth},${upper(first!)}12,${rest.join(' ')}345,${patient.gender},Vitória\n` +
      'pat-2,1990-05-06,Zed1,Newcomer2,M,Boston\n',
    'encounters.csv':
      'Id,START,PATIENT,PROVIDER,DESCRIPTION,BASE_ENCOUNTER_COST\n' +
      'enc-1,2024-01-02T10:00:00Z,pat-1,doc-1,Checkup,80.00\nenc-2,2024-01-03T10:00:00Z,pat-2,doc-1,Checkup,\n',
    'conditions.csv': 'START,PATIENT,ENCOUNTER,CODE,DESCRIPTION\n',
    'medications.csv': 'START,PATIENT,ENCOUNTER,CODE,DESCRIPTION\n',
    'observations.csv': 'DATE,PATIENT,ENCOUNTER,CODE,DESCRIPTION,VALUE,UNITS,TYPE\n',
  });
}

describe('patient matching', () => {
  it('links the same person from a second source instead of creating a duplicate', async () => {
    const row = parseCsv('patients.csv', readFileSync(join(out, 'patients.csv'), 'utf8'), []).rows[0]!;
    const person = { name: row.get('Name'), birth: row.get('BirthDate'), gender: row.get('Gender') };
    const before = await count(database.db, 'patients');
    const report = await importFiles(database.db, {
      format: 'synthea',
      path: syntheaWith(person),
      source: 'boston',
    });
    const [existing] = await queryRows<{ id: string; code: string }>(
      database.db,
      sql`select p.id, p.code from import_source_ids m join patients p on p.id = m.target_id
          where m.source = 'clinic-a' and m.entity = 'patient' and m.source_id = '1'`,
    );
    expect(report.matches).toEqual([
      { sourceId: 'pat-1', patientId: existing!.id, patientCode: existing!.code, by: 'name+birth_date+sex' },
    ]);
    expect(report.created.patients).toBe(1);
    expect(await count(database.db, 'patients')).toBe(before + 1);
    const [visit] = await queryRows<{ patient_id: string }>(
      database.db,
      sql`select e.patient_id from import_source_ids m join encounters e on e.id = m.target_id
          where m.source = 'boston' and m.source_id = 'enc-1'`,
    );
    expect(visit!.patient_id).toBe(existing!.id);
  });

  it("another system's copy of the same patient list is linked patient by patient", async () => {
    const before = await count(database.db, 'patients');
    const copy = writeFiles({
      'patients.csv': readFileSync(join(out, 'patients.csv'), 'utf8'),
      'doctors.csv': 'DoctorID,DoctorName,Specialty,ClinicID\n',
      'appointments.csv': 'AppointmentID,PatientID,ScheduledDay,AppointmentDay,NoShow\n',
    });
    const report = await importFiles(database.db, { format: 'healthsynth', path: copy, source: 'clinic-b' });
    expect(report.matches).toHaveLength(150);
    expect(report.created.patients).toBe(0);
    expect(await count(database.db, 'patients')).toBe(before);
  });

  it('never matches patients whose name or birth date a rule made up', async () => {
    const dir = writeFiles({
      'patients.csv':
        'PatientID,Gender,Age,Neighbourhood,Scholarship,Hipertension,Diabetes,Alcoholism,Handcap,VisitDate\n' +
        '1,F,40,CENTRO,0,0,0,0,0,2020-03-02\n',
      'appointments.csv': 'AppointmentID,PatientID,ScheduledDay,AppointmentDay,NoShow\n',
      'doctors.csv': 'DoctorID,DoctorName,Specialty,ClinicID\n',
    });
    const first = await importFiles(database.db, { format: 'healthsynth', path: dir, source: 'anon-1' });
    const second = await importFiles(database.db, { format: 'healthsynth', path: dir, source: 'anon-2' });
    expect([first.matches, second.matches]).toEqual([[], []]);
    expect(second.created.patients).toBe(1);
  });

  it('refuses visits that overlap ones already loaded, cleanly and without loading anything', async () => {
    const before = await count(database.db, 'appointments');
    const error = await importFiles(database.db, {
      format: 'healthsynth',
      path: out,
      source: 'clinic-c',
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'import.rejected_by_database', status: 422 });
    expect((error as Error).message).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);
    expect(await count(database.db, 'appointments')).toBe(before);
  });
});
