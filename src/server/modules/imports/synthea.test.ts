/** The Synthea importer on the shared sample export, against real SQL. */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/helpers/db.ts';
import { queryRows, type Database } from '../../db/client.ts';
import { importFiles, type ImportReport } from './index.ts';
import { count, SYNTHEA_DIR } from './test-support.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const one = async <T>(query: ReturnType<typeof sql>): Promise<T> =>
  (await queryRows<T>(database.db, query))[0]!;

describe('import synthea', () => {
  let report: ImportReport;

  it('loads organizations, providers, patients, encounters and their entries', async () => {
    report = await importFiles(database.db, { format: 'synthea', path: SYNTHEA_DIR });
    // Entries: 438 conditions + 663 medications + 915 observations with an encounter + 604 encounter costs.
    expect(report.created).toEqual({
      clinics: 63,
      doctors: 166,
      patients: 27,
      appointments: 0,
      encounters: 604,
      entries: 438 + 663 + 915 + 604,
    });
    expect(report.rules.find((r) => r.rule === 'synthea.observation_without_encounter')?.rows).toBe(75);
    expect(await count(database.db, 'encounters')).toBe(604);
  });

  it('keeps the values (spot checks)', async () => {
    const patient = await one<{ name: string; birth: string; gender: string; n: number }>(
      sql`select p.name, to_char(p.birth_date, 'YYYY-MM-DD') as birth, p.gender,
                 (select count(*)::int from encounters e where e.patient_id = p.id) as n
          from import_source_ids m join patients p on p.id = m.target_id
          where m.source = 'synthea' and m.source_id = '3edac2e3-d223-6fae-d515-daf96ef6bc76'`,
    );
    expect(patient).toMatchObject({ name: 'Maynard Mosciski', birth: '2014-10-06', gender: 'M' });
    expect(patient.n).toBeGreaterThan(0);
    const height = await one<{ value: string; unit: string; at: Date }>(
      sql`select l.value_numeric::text as value, l.unit, l.occurred_at as at from lab_results l
          join encounters e on e.id = l.encounter_id join import_source_ids m on m.target_id = e.id
          where m.source_id = '0622440b-ab3a-87bf-b0d7-f8145ac11cc5' and l.loinc = '8302-2'`,
    );
    expect(height).toMatchObject({ value: '127.9', unit: 'cm' });
    expect(new Date(height.at).toISOString()).toBe('2023-10-10T04:17:47.000Z');
    const drug = await one<{ route: string; dose: string }>(
      sql`select route, dose from prescriptions where medication like 'Loratadine 5 MG Chewable Tablet%' limit 1`,
    );
    expect(drug).toEqual({ route: 'oral', dose: '5 MG' });
    const bill = await one<{ amount: string; currency: string }>(
      sql`select b.amount::text as amount, b.currency from billing_lines b
          join import_source_ids m on m.target_id = b.id and m.source_id = 'billing:57f2562b-445c-f11c-ba40-edc55af3c84f'`,
    );
    expect(bill).toEqual({ amount: '77.49', currency: 'USD' });
  });

  it('changes nothing when imported again', async () => {
    const again = await importFiles(database.db, { format: 'synthea', path: SYNTHEA_DIR });
    expect(Object.values(again.created).every((n) => n === 0)).toBe(true);
    expect(again.alreadyImported.entries).toBe(report.created.entries);
    expect(await count(database.db, 'patients')).toBe(27);
  });
});
