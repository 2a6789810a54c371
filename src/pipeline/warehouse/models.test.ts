/**
 * The model files and their order: staging, then the intermediate models the marts share, then marts; a
 * model reading a later layer, an unknown table or itself in a cycle is refused with its name.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readModels } from './models.ts';

let dir: string | undefined;
function modelsDir(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), 'healthsync-models-'));
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
  return dir;
}
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('readModels', () => {
  it('orders the shipped models staging → intermediate → marts, each after what it reads', () => {
    const models = readModels();
    const position = new Map(models.map((m, i) => [m.id, i]));
    for (const m of models)
      for (const d of m.dependsOn) expect(position.get(d)).toBeLessThan(position.get(m.id)!);
    expect(models.find((m) => m.id === 'intermediate.appointments')?.dependsOn).toEqual([
      'intermediate.age_bands',
      'intermediate.months',
      'intermediate.neighbourhoods',
      'staging.appointments',
      'staging.patients',
    ]);
    expect(models.find((m) => m.id === 'marts.monthly_aggregates')?.dependsOn).toEqual([
      'intermediate.appointments',
      'intermediate.months',
    ]);
  });

  it('reads comments out of the SQL and takes layers from the file prefix', () => {
    const models = readModels(
      modelsDir({
        'mart_totals.sql': '-- mentions staging.nothing in a comment\nSELECT count(*) FROM intermediate.wide',
        'int_wide.sql': 'SELECT * FROM staging.base',
        'stg_base.sql': 'SELECT 1 AS x',
        'notes.txt': 'not a model',
      }),
    );
    expect(models.map((m) => [m.id, m.layer])).toEqual([
      ['staging.base', 'staging'],
      ['intermediate.wide', 'intermediate'],
      ['marts.totals', 'marts'],
    ]);
  });

  it('refuses a model that reads a later layer, naming both', () => {
    const files = { 'stg_base.sql': 'SELECT * FROM intermediate.wide', 'int_wide.sql': 'SELECT 1 AS x' };
    expect(() => readModels(modelsDir(files))).toThrow(
      'model staging.base may not read intermediate.wide, a later layer',
    );
  });

  it('refuses an unknown table and a cycle', () => {
    expect(() => readModels(modelsDir({ 'int_a.sql': 'SELECT * FROM staging.missing' }))).toThrow(
      'model intermediate.a refers to staging.missing, which no model defines',
    );
    rmSync(dir!, { recursive: true, force: true });
    const cycle = {
      'int_a.sql': 'SELECT * FROM intermediate.b',
      'int_b.sql': 'SELECT * FROM intermediate.a',
    };
    expect(() => readModels(modelsDir(cycle))).toThrow(
      'models depend on each other in a cycle: intermediate.a, intermediate.b',
    );
  });
});
