/**
 * Health Synth imports: the generator's files loaded through the importer into the database with its
 * constraints (no overlap refused anything; a copied visit is refused), and the original five-file layout.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/helpers/db.ts';
import { parseGenerateFlags } from '../../../pipeline/generate/options.ts';
import { generateFiles } from '../../../pipeline/io/generate-files.ts';
import { queryRows, type Database } from '../../db/client.ts';
import { newId } from '../../db/schema/columns.ts';
import { parseCsv } from './csv.ts';
import { importFiles } from './index.ts';
import { count, tempDir, writeFiles } from './test-support.ts';

let database: Database;
const out = tempDir();
const lines = (name: string) => parseCsv(name, readFileSync(join(out, `${name}.csv`), 'utf8'), []).rows;

beforeAll(async () => {
  database = await createTestDatabase();
  await generateFiles(parseGenerateFlags({ out, patients: '400', seed: '5' }));
});
afterAll(async () => {
  await database.close();
});

describe('import healthsynth (generator files)', () => {
  it('loads every file: rows, weekly hours, encounters with a diagnosis and a billing line per record', async () => {
    const report = await importFiles(database.db, { format: 'healthsynth', path: out, source: 'gen-5' });
    const records = lines('records');
    expect(report.created).toMatchObject({
      clinics: lines('clinics').length,
      doctors: lines('doctors').length,
      patients: 400,
      appointments: lines('appointments').length,
      encounters: new Set(records.map((r) => r.get('AppointmentID'))).size,
      entries: records.length * 2,
    });
    expect(report.rejectedRows).toBe(0);
    expect(await count(database.db, 'appointments')).toBe(lines('appointments').length);
  });

  it('keeps the values (spot checks)', async () => {
    const [doctor] = await queryRows<{ name: string; hours: number; slot: number }>(
      database.db,
      sql`select d.name, d.slot_minutes as slot, (select count(*)::int from doctor_weekly_hours h where h.doctor_id = d.id) as hours
          from import_source_ids m join doctors d on d.id = m.target_id
          where m.source = 'gen-5' and m.entity = 'doctor' and m.source_id = '1'`,
    );
    const first = lines('doctors')[0]!;
    expect(doctor).toMatchObject({ name: first.get('DoctorName'), slot: Number(first.get('SlotMinutes')) });
    expect(doctor!.hours).toBeGreaterThanOrEqual(first.get('Availability').includes('Mon-Fri') ? 5 : 2);
    const record = lines('records').find((r) => r.get('RecordID') === '1')!;
    const code = record.get('ICD10Code').replace('.', '');
    const [dx] = await queryRows<{ code: string; amount: string }>(
      database.db,
      sql`select d.code, b.amount::text as amount from import_source_ids m join diagnoses d on d.id = m.target_id
          join import_source_ids mb on mb.source = 'gen-5' and mb.entity = 'entry' and mb.source_id = 'billing:1'
          join billing_lines b on b.id = mb.target_id
          where m.source = 'gen-5' and m.entity = 'entry' and m.source_id = 'diagnosis:1'`,
    );
    expect(dx).toEqual({ code, amount: record.get('LastBilling') });
    const [timed] = await queryRows<{ unknown: number }>(
      database.db,
      sql`select count(*)::int as unknown from appointments where not time_known`,
    );
    expect(timed!.unknown).toBe(0);
  });

  it("are guarded by the database's overlap constraints: a copied visit is refused (23P01)", async () => {
    const error = await database.db
      .execute(
        sql`insert into appointments (id, doctor_id, patient_id, clinic_id, starts_at, ends_at, status)
            select ${newId()}, doctor_id, patient_id, clinic_id, starts_at, ends_at, 'completed'
            from appointments where status = 'completed' limit 1`,
      )
      .catch((e: unknown) => e);
    expect((error as { cause?: { code?: string } }).cause?.code).toBe('23P01');
  });

  it('changes nothing when imported again', async () => {
    const again = await importFiles(database.db, { format: 'healthsynth', path: out, source: 'gen-5' });
    expect(Object.values(again.created).every((n) => n === 0)).toBe(true);
    expect(again.alreadyImported.patients).toBe(400);
  });
});

/** The original Health Synth layout: fewer columns, no doctor on appointments, last_reports.csv. */
const ORIGINAL = {
  'clinics.csv': 'ClinicID\n1\n',
  'doctors.csv':
    'DoctorID,DoctorName,Specialty,ClinicID,Availability\n1,Dr. Ana Souza,Cardiology,1,Mon-Fri 08:00-12:00\n',
  'patients.csv':
    'PatientID,Gender,Age,Neighbourhood,Scholarship,Hipertension,Diabetes,Alcoholism,Handcap,VisitDate\n' +
    '10,F,40,CENTRO,0,1,0,0,0,2020-03-02\n11,M,7,ROMÃO,1,0,0,0,2,2020-03-03\n',
  'appointments.csv':
    'AppointmentID,PatientID,ScheduledDay,AppointmentDay,NoShow\n' +
    '100,10,2020-02-20T10:00:00Z,2020-03-02T00:00:00Z,No\n101,10,2020-02-21T10:00:00Z,2020-03-02T00:00:00Z,No\n' +
    '102,11,2020-02-22T10:00:00Z,2020-03-03T00:00:00Z,Yes\n',
  'last_reports.csv':
    'PatientID,DoctorID,LastReportDate,HealthDisease,LastBilling\n10,1,2020-03-02,Hypertension,150.00\n',
};

describe('import healthsynth (original layout with last_reports.csv)', () => {
  it('fills what the layout lacks by counted rules and keeps the report as a note and a billing line', async () => {
    const report = await importFiles(database.db, {
      format: 'healthsynth',
      path: writeFiles(ORIGINAL),
      source: 'original',
    });
    expect(report.created).toEqual({
      clinics: 2,
      doctors: 2,
      patients: 2,
      appointments: 3,
      encounters: 1,
      entries: 2,
    });
    const rules = Object.fromEntries(report.rules.map((r) => [r.rule, r.rows]));
    expect(rules).toMatchObject({
      'healthsynth.birth_date_from_age': 2,
      'healthsynth.name_from_id': 2,
      day_only_visit: 3,
      unassigned_doctor: 1,
      'healthsynth.report_as_note': 1,
    });
    const [note] = await queryRows<{ body: string; amount: string; birth: string }>(
      database.db,
      sql`select n.body, b.amount::text as amount, to_char(p.birth_date, 'YYYY-MM-DD') as birth
          from clinical_notes n join billing_lines b on b.encounter_id = n.encounter_id join patients p on p.id = n.patient_id
          where b.currency = 'BRL' and n.body like 'Reported%'`,
    );
    expect(note).toEqual({
      body: 'Reported health condition: Hypertension',
      amount: '150.00',
      birth: '1980-03-02',
    });
  });
});
