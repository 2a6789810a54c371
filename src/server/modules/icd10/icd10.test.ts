import { count, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { ICD10_VERSION, loadIcd10, readIcd10File } from '../../db/icd10/load.ts';
import { icd10Codes, referenceData } from '../../db/schema/index.ts';
import { formatCode, normalizeCode, parseSearch } from './rules.ts';

describe('code rules', () => {
  it('store codes without the dot and show them with it', () => {
    expect(['e11.9', ' E119 ', 'S72.001A', 'QA0.0101', 'I10'].map(normalizeCode)).toEqual([
      'E119',
      'E119',
      'S72001A',
      'QA00101',
      'I10',
    ]);
    expect(['E1.19', 'E11.9.1', '11.9', 'E', 'E11.99999', ''].map(normalizeCode)).toEqual(
      Array(6).fill(undefined),
    );
    expect(['E119', 'I10', 'S72001A'].map(formatCode)).toEqual(['E11.9', 'I10', 'S72.001A']);
  });

  it('read a search box as a code prefix or as word prefixes without operators', () => {
    expect(parseSearch('e11.')).toEqual({ kind: 'code', prefix: 'E11' });
    expect(parseSearch('QA0')).toEqual({ kind: 'code', prefix: 'QA0' });
    expect(parseSearch('Diab. mell!')).toEqual({ kind: 'words', query: 'diab:* & mell:*' });
    expect(parseSearch('Pneumonia ça')).toEqual({ kind: 'words', query: 'pneumonia:* & ca:*' });
    expect(parseSearch("x' | !y & (z)")).toEqual({ kind: 'words', query: 'x:* & y:* & z:*' });
    expect(parseSearch('!!!')).toBeUndefined();
  });
});

describe('the bundled code list', () => {
  it('is the FY2026 set of 74,719 billable codes with descriptions', () => {
    const list = readIcd10File();
    expect(list.codes).toHaveLength(74_719);
    expect([list.codes[0], list.descriptions[0]]).toEqual([
      'A000',
      'Cholera due to Vibrio cholerae 01, biovar cholerae',
    ]);
    expect([list.codes.at(-1), list.descriptions.at(-1)]).toEqual([
      'Z9989',
      'Dependence on other enabling machines and devices',
    ]);
    expect(list.descriptions.every((d) => d.length > 0)).toBe(true);
  });
});

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const search = async (q: string, limit = 20) => {
  const res = await t.app.inject(`/api/v1/icd10?q=${encodeURIComponent(q)}&limit=${String(limit)}`);
  expect(res.statusCode).toBe(200);
  return res.json<{ items: { code: string; description: string }[] }>().items;
};

describe('the loaded table', () => {
  it('holds every code once, and a later start does not load it again', async () => {
    const db = t.database.db;
    expect((await db.select({ n: count() }).from(icd10Codes))[0]!.n).toBe(74_719);
    expect(
      await db.select({ version: referenceData.version, rows: referenceData.rows }).from(referenceData),
    ).toEqual([{ version: ICD10_VERSION, rows: 74_719 }]);
    expect(await loadIcd10(db)).toEqual({ loaded: false, rows: 0 });
  });

  it('is updated in place by a newer list, keeping codes the new list drops', async () => {
    const db = t.database.db;
    const newer = {
      codes: ['E119', 'Z9990'],
      descriptions: ['Type 2 diabetes, new wording', 'A code new this year'],
    };
    expect(await loadIcd10(db, 'FY2099', () => newer)).toEqual({ loaded: true, rows: 2 });
    const rows = await db
      .select()
      .from(icd10Codes)
      .where(sql`${icd10Codes.code} in ('E119', 'Z9990', 'A000')`);
    expect(rows.map((r) => [r.code, r.description]).sort()).toEqual([
      ['A000', 'Cholera due to Vibrio cholerae 01, biovar cholerae'],
      ['E119', 'Type 2 diabetes, new wording'],
      ['Z9990', 'A code new this year'],
    ]);
    await loadIcd10(db, 'FY2099-b', () => ({
      codes: ['E119'],
      descriptions: ['Type 2 diabetes mellitus without complications'],
    }));
  });
});

describe('GET /api/v1/icd10', () => {
  it('finds codes by prefix, in code order', async () => {
    expect((await search('E11.9'))[0]).toEqual({
      code: 'E11.9',
      description: 'Type 2 diabetes mellitus without complications',
    });
    const e11 = await search('e11', 50);
    expect(e11).toHaveLength(50);
    expect(e11.every((c) => c.code.startsWith('E11'))).toBe(true);
    expect(e11.map((c) => c.code)).toEqual([...e11.map((c) => c.code)].sort());
  });

  it('finds codes by words of the description, best matches first', async () => {
    const diabetes = await search('type 2 diab mell without compl');
    expect(diabetes[0]?.code).toBe('E11.9');
    expect((await search('chest pain')).map((c) => c.code)).toContain('R07.9');
    expect(await search("'; drop table icd10_codes; --")).toEqual([]);
  });

  it('lists from the start without a query, and looks one code up', async () => {
    const res = await t.app.inject('/api/v1/icd10?limit=2');
    expect(res.json<{ items: { code: string }[] }>().items.map((c) => c.code)).toEqual(['A00.0', 'A00.1']);
    expect((await t.app.inject('/api/v1/icd10/e119')).json()).toEqual({
      code: 'E11.9',
      description: 'Type 2 diabetes mellitus without complications',
    });
    const category = await t.app.inject('/api/v1/icd10/E11');
    expect([category.statusCode, category.json<{ code: string }>().code]).toEqual([404, 'icd10.not_found']);
  });
});
