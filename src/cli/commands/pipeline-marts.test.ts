/**
 * `pipeline marts-restore`: marts published and mirrored to the configured object store come back into the
 * configured snapshot folder (an empty data dir, as on a new host); a date never mirrored fails in one line.
 */
import { Command } from 'commander';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createObjectStore } from '../../pipeline/store/index.ts';
import { ident, openDuck } from '../../pipeline/warehouse/duck.ts';
import { MARTS } from '../../pipeline/warehouse/marts.ts';
import { mirrorSnapshot } from '../../pipeline/warehouse/mirror.ts';
import { publishSnapshots, readMart, snapshotDirOf } from '../../pipeline/warehouse/snapshots.ts';
import { registerPipelineMarts, restoreMarts } from './pipeline-marts.ts';

let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'hs-marts-cli-'));
  const duck = await openDuck(':memory:');
  const store = createObjectStore({ kind: 'local', root: join(tmp, 'objects') });
  try {
    await duck.connection.run('CREATE SCHEMA marts');
    const rows: Record<string, number> = {};
    for (const mart of MARTS) {
      const columns = mart.orderBy.map((c) => `range AS ${ident(c)}`).join(', ');
      await duck.connection.run(`CREATE TABLE marts.${ident(mart.name)} AS SELECT ${columns} FROM range(4)`);
      rows[mart.name] = 4;
    }
    const elsewhere = join(tmp, 'other-host');
    const pointer = await publishSnapshots(duck.connection, elsewhere, 'run-9', '2026-03-03');
    await mirrorSnapshot(store, elsewhere, pointer, rows);
  } finally {
    store.close();
    duck.close();
  }
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const env = (): NodeJS.ProcessEnv => ({
  DATA_DIR: join(tmp, 'data'),
  OBJECT_STORE_DIR: join(tmp, 'objects'),
  LOG_LEVEL: 'silent',
});

describe('pipeline marts-restore', () => {
  it('restores the mirrored marts of a date into the configured snapshot folder', async () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const pointer = await restoreMarts({ date: '2026-03-03' }, env());
      expect(pointer).toMatchObject({ runId: 'run-9', date: '2026-03-03' });
      expect(String(out.mock.calls[0]![0])).toMatch(/^Restored 11 marts of 2026-03-03 \(run run-9\)/);
    } finally {
      out.mockRestore();
    }
    const dir = snapshotDirOf(join(tmp, 'data', 'warehouse'));
    const mart = await readMart(dir, 'monthly_aggregates');
    expect(mart).toMatchObject({ runId: 'run-9', date: '2026-03-03' });
    expect(mart.rows).toHaveLength(4);
  });

  it('fails with a one-line reason for a date that was never mirrored', async () => {
    const program = new Command();
    registerPipelineMarts(program.command('pipeline'));
    vi.stubEnv('OBJECT_STORE_DIR', join(tmp, 'objects'));
    vi.stubEnv('DATA_DIR', join(tmp, 'data'));
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await program.parseAsync(['pipeline', 'marts-restore', '--date', '2020-01-01'], { from: 'user' });
      expect(process.exitCode).toBe(1);
      expect(String(err.mock.calls[0]![0])).toMatch(/^healthsync: .*\[store\.not_found\]\n$/);
      await program.parseAsync(['pipeline', 'marts-restore'], { from: 'user' });
      expect(String(err.mock.calls[1]![0])).toMatch(/--date is required.*\[pipeline\.invalid_option\]/);
    } finally {
      err.mockRestore();
      vi.unstubAllEnvs();
      process.exitCode = 0;
    }
  });
});
