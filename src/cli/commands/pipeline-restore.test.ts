/**
 * `pipeline restore` / `pipeline archives`: an archive made by retention is listed through the configured
 * object store and restored into the database it came from, twice; a bad key fails with one line.
 */
import { Command } from 'commander';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/db.ts';
import { retain } from '../../pipeline/retention/index.ts';
import { createObjectStore } from '../../pipeline/store/index.ts';
import { queryRows, type Database } from '../../server/db/client.ts';
import { outbox } from '../../server/db/schema/index.ts';
import { sql } from 'drizzle-orm';
import { listArchives, registerPipelineRestore, restoreArchive } from './pipeline-restore.ts';

let tmp: string;
let source: Database;
let archiveKey: string;
let eventId: string;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'hs-restore-cli-'));
  source = await createTestDatabase();
  const [row] = await source.db
    .insert(outbox)
    .values({
      topic: 'pipeline.report',
      payload: { n: 1 },
      createdAt: new Date('2024-01-01T00:00:00Z'),
      publishedAt: new Date('2024-01-01T00:00:01Z'),
    })
    .returning({ id: outbox.id });
  eventId = row!.id;
  const store = createObjectStore({ kind: 'local', root: join(tmp, 'objects') });
  const report = await retain(
    { db: source.db, store, retention: { appointmentDays: 3650, notificationDays: 365 }, tmpDir: tmp },
    { groups: ['outbox'], before: new Date('2025-01-01T00:00:00Z') },
  );
  archiveKey = report.groups[0]!.archives[0]!;
});

afterAll(async () => {
  await source.close();
  await rm(tmp, { recursive: true, force: true });
});

const liveEvents = () =>
  queryRows<{ id: string; topic: string }>(
    source.db,
    sql`select id::text as id, topic from outbox where topic = 'pipeline.report'`,
  );

const env = (): NodeJS.ProcessEnv => ({
  DATA_DIR: join(tmp, 'data'),
  OBJECT_STORE_DIR: join(tmp, 'objects'),
  LOG_LEVEL: 'silent',
});

describe('pipeline restore', () => {
  it('lists the archive and restores it into the database, idempotently', async () => {
    // The test database stands in for the configured one (opening a fresh embedded data dir costs seconds).
    const open = () => Promise.resolve({ ...source, close: () => Promise.resolve() });
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await listArchives({ json: true }, env())).toEqual([archiveKey]);
      expect(await liveEvents()).toEqual([]);
      const first = await restoreArchive(archiveKey, { json: true }, env(), open);
      expect(first).toMatchObject({
        group: 'outbox',
        complete: true,
        tables: [{ table: 'outbox', archived: 1, inserted: 1, present: 1 }],
      });
      const second = await restoreArchive(archiveKey, {}, env(), open);
      expect(second.tables[0]).toMatchObject({ inserted: 0, present: 1 });
      const printed = out.mock.calls.map(([chunk]) => String(chunk)).join('');
      expect(printed).toContain(`"archive": "${archiveKey}"`);
      expect(printed).toMatch(/outbox\s+1 archived\s+0 inserted\s+1 present/);
    } finally {
      out.mockRestore();
    }
    expect(await liveEvents()).toEqual([{ id: eventId, topic: 'pipeline.report' }]);
  });

  it('fails with a one-line reason and a non-zero exit for a key that is not an archive', async () => {
    const program = new Command();
    registerPipelineRestore(program.command('pipeline'));
    vi.stubEnv('OBJECT_STORE_DIR', join(tmp, 'objects'));
    vi.stubEnv('DATA_DIR', join(tmp, 'data'));
    vi.stubEnv('DATABASE_URL', '');
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await program.parseAsync(['pipeline', 'restore', 'archive/retention/outbox/missing'], { from: 'user' });
      expect(process.exitCode).toBe(1);
      expect(String(err.mock.calls[0]![0])).toMatch(/^healthsync: .*\[store\.not_found\]\n$/);
    } finally {
      err.mockRestore();
      vi.unstubAllEnvs();
      process.exitCode = 0;
    }
  });
});
