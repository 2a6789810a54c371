/** The no-show importer on a slice of the real public file (all its quirks included), against real SQL. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/helpers/db.ts';
import { queryRows, type Database } from '../../db/client.ts';
import { importFiles, ImportRefused, type ImportReport } from './index.ts';
import { count, noshowSlice, tempDir, writeFiles } from './test-support.ts';

const slice = noshowSlice(1500);
const dir = writeFiles({ 'noshow.csv': slice.text });
const file = join(dir, 'noshow.csv');
const lines = slice.text.trimEnd().split('\n');
const distinctPatients = new Set(lines.slice(1).map((l) => l.split(',')[0])).size;

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const rule = (report: ImportReport, id: string) => report.rules.find((r) => r.rule === id)?.rows ?? 0;

describe('import noshow', () => {
  let first: ImportReport;

  it('loads every row: one patient per PatientId, one appointment per row, a clinic per neighbourhood', async () => {
    first = await importFiles(database.db, { format: 'noshow', path: file });
    expect(first.created.appointments).toBe(slice.rows);
    expect(first.created.patients).toBe(distinctPatients);
    expect(await count(database.db, 'appointments')).toBe(slice.rows);
    expect(await count(database.db, 'patients')).toBe(distinctPatients);
    expect(first.created.clinics).toBe(first.created.doctors);
    expect(first.rejectedRows).toBe(0);
  });

  it('handles each known quirk by a counted rule', () => {
    expect(rule(first, 'noshow.patient_id_e_notation')).toBe(5);
    expect(rule(first, 'noshow.age_negative')).toBe(1);
    expect(rule(first, 'noshow.scheduled_after_appointment')).toBe(5);
    expect(rule(first, 'noshow.handcap_above_one')).toBeGreaterThan(100);
    expect(first.rules.find((r) => r.rule === 'noshow.age_negative')?.action).toBe('repaired');
  });

  it('keeps the values of the file (spot checks)', async () => {
    const [row] = await queryRows<Record<string, unknown>>(
      database.db,
      sql`select p.gender, p.neighbourhood, p.hypertension, p.handicap, a.status, a.time_known,
                 a.booked_at, a.starts_at, a.ends_at, c.name as clinic
          from import_source_ids m join appointments a on a.id = m.target_id
          join patients p on p.id = a.patient_id join clinics c on c.id = a.clinic_id
          where m.source = 'noshow' and m.entity = 'appointment' and m.source_id = '5642903'`,
    );
    expect(row).toMatchObject({
      gender: 'F',
      neighbourhood: 'Jardim da Penha',
      hypertension: true,
      handicap: 0,
    });
    expect(row).toMatchObject({
      status: 'completed',
      time_known: false,
      clinic: 'Unidade de Saúde Jardim da Penha',
    });
    expect(new Date(row!.booked_at as string).toISOString()).toBe('2016-04-29T18:38:08.000Z');
    // São Paulo local day, UTC−3 in 2016.
    expect(new Date(row!.starts_at as string).toISOString()).toBe('2016-04-29T03:00:00.000Z');
    expect(new Date(row!.ends_at as string).toISOString()).toBe('2016-04-30T03:00:00.000Z');
    const ids = await queryRows<{ source_id: string }>(
      database.db,
      sql`select source_id from import_source_ids where source = 'noshow' and entity = 'patient' and source_id like '%.%' order by 1`,
    );
    expect(ids.map((r) => r.source_id)).toContain('93779.52927');
    const [noShows] = await queryRows<{ share: number }>(
      database.db,
      sql`select avg((status = 'no_show')::int)::float8 as share from appointments`,
    );
    expect(noShows!.share).toBeGreaterThan(0.1);
    expect(noShows!.share).toBeLessThan(0.35);
  });

  it('changes nothing when the same file is imported again', async () => {
    const again = await importFiles(database.db, { format: 'noshow', path: file });
    expect(again.created).toEqual({
      clinics: 0,
      doctors: 0,
      patients: 0,
      appointments: 0,
      encounters: 0,
      entries: 0,
    });
    expect(again.alreadyImported.appointments).toBe(slice.rows);
    expect(await count(database.db, 'appointments')).toBe(slice.rows);
    expect(await count(database.db, 'patients')).toBe(distinctPatients);
    expect(await count(database.db, 'import_runs')).toBe(2);
  });
});

/** The slice with two broken rows: a non-numeric age on data line 10 and an unknown gender on line 20. */
function corrupted(): string {
  const copy = [...lines];
  const broken = (line: number, column: number, value: string) => {
    const fields = copy[line - 1]!.split(',');
    fields[column] = value;
    copy[line - 1] = fields.join(',');
  };
  broken(10, 5, 'abc');
  broken(20, 2, 'Q');
  return copy.join('\n') + '\n';
}

describe('a file with bad rows', () => {
  const bad = join(writeFiles({ 'broken.csv': corrupted() }), 'broken.csv');

  it('loads nothing and names file, line, column and reason', async () => {
    const before = await count(database.db, 'appointments');
    const error = await importFiles(database.db, { format: 'noshow', path: bad, source: 'broken' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImportRefused);
    const refused = error as ImportRefused;
    expect(refused.code).toBe('import.invalid');
    expect(refused.errors).toEqual([
      { path: 'broken.csv line 10 column Age', message: '"abc" is not a whole number' },
      { path: 'broken.csv line 20 column Gender', message: '"Q" is not one of F, M' },
    ]);
    expect(refused.report.ok).toBe(false);
    expect(await count(database.db, 'appointments')).toBe(before);
    expect(await count(database.db, 'import_runs')).toBe(2);
  });

  it('with a reject file, writes the bad rows there and loads the good ones', async () => {
    const rejects = join(tempDir(), 'rejects.csv');
    const report = await importFiles(database.db, {
      format: 'noshow',
      path: bad,
      source: 'broken',
      rejectFile: rejects,
    });
    expect(report.rejectedRows).toBe(2);
    expect(report.created.appointments).toBe(slice.rows - 2);
    const written = readFileSync(rejects, 'utf8').trimEnd().split('\n');
    expect(written[0]).toBe('file,line,column,reason,row');
    expect(written[1]).toMatch(/^broken\.csv,10,Age,"""abc"" is not a whole number",.*,abc,/);
    expect(written).toHaveLength(3);
  });
});
