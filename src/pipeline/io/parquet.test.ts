/** Parquet output: the same rows as the CSV, typed columns, and the same bytes for the same seed. */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILE_NAMES } from '../generate/columns.ts';
import { parseGenerateFlags } from '../generate/options.ts';
import { generateFiles, type GenerateResult } from './generate-files.ts';
import { columnTypes, sqlString } from './parquet.ts';

const root = mkdtempSync(join(tmpdir(), 'healthsync-parquet-'));
const run = (out: string, format: string) =>
  generateFiles(parseGenerateFlags({ out: join(root, out), patients: '800', seed: '9', format }));
const hashes = (dir: string): Record<string, string> =>
  Object.fromEntries(
    readdirSync(dir).map((f) => [
      f,
      createHash('sha256')
        .update(readFileSync(join(dir, f)))
        .digest('hex'),
    ]),
  );

let csv: GenerateResult;
let parquet: GenerateResult;
let instance: DuckDBInstance;
let connection: DuckDBConnection;

beforeAll(async () => {
  [csv, parquet] = await Promise.all([run('csv', 'csv'), run('pq-a', 'parquet')]);
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
});

afterAll(() => {
  connection.closeSync();
  instance.closeSync();
  rmSync(root, { recursive: true, force: true });
});

const query = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJson();

describe('generate --format parquet', () => {
  it('writes the five files and nothing else, byte-identical for the same seed', async () => {
    expect(readdirSync(parquet.out).sort()).toEqual(FILE_NAMES.map((n) => `${n}.parquet`).sort());
    await run('pq-b', 'parquet');
    expect(hashes(join(root, 'pq-b'))).toEqual(hashes(parquet.out));
  });

  it('reads back with the same rows as the CSV', async () => {
    for (const file of parquet.files) {
      const [count] = await query(`SELECT count(*) AS n FROM read_parquet(${sqlString(file.path)})`);
      const rows = csv.files.find((f) => f.name === file.name)?.rows;
      expect(Number(count?.n), file.name).toBe(rows);
      expect(file.rows).toBe(rows);
    }
    const at = (name: string, format: 'csv' | 'parquet') =>
      sqlString(join(root, format === 'csv' ? 'csv' : 'pq-a', `${name}.${format}`));
    const [same] = await query(
      `SELECT count(*) AS n FROM (SELECT * FROM read_parquet(${at('records', 'parquet')}) EXCEPT ` +
        `SELECT * FROM read_csv(${at('records', 'csv')}, columns = ${columnTypes('records')}))`,
    );
    expect(Number(same?.n)).toBe(0);
  });

  it('types the columns: money as DECIMAL(12,2), dates, instants with time zone', async () => {
    const describe = async (name: string) =>
      new Map(
        (
          await query(
            `DESCRIBE SELECT * FROM read_parquet(${sqlString(join(parquet.out, `${name}.parquet`))})`,
          )
        ).map((row) => [row.column_name, row.column_type]),
      );
    const records = await describe('records');
    expect(records.get('LastBilling')).toBe('DECIMAL(12,2)');
    expect(records.get('LastReportDate')).toBe('DATE');
    const appointments = await describe('appointments');
    expect(appointments.get('StartsAt')).toBe('TIMESTAMP WITH TIME ZONE');
    expect(appointments.get('AppointmentID')).toBe('BIGINT');
    const [first] = await query(
      `SELECT epoch(StartsAt) AS s FROM read_parquet(${sqlString(join(parquet.out, 'appointments.parquet'))}) LIMIT 1`,
    );
    const firstCsv = readFileSync(join(csv.out, 'appointments.csv'), 'utf8').split('\n')[1]!.split(',')[7]!;
    expect(Number(first?.s) * 1000).toBe(Date.parse(firstCsv));
  });
});
