/**
 * Retention against real SQL and a real object store on disk: what goes, what stays, and that nothing is
 * deleted unless its archive was written, read back and matched — including when the store fails or lies.
 */
import { sql } from 'drizzle-orm';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/db.ts';
import { startS3 } from '../../../test/helpers/s3.ts';
import { queryRows, type Database } from '../../server/db/client.ts';
import { createObjectStore, LocalObjectStore, type ObjectBody, type PutResult } from '../store/index.ts';
import { readRecordsParquet, writeRecordsParquet } from './archive-file.ts';
import { seedRetentionWorld, type RetentionWorld } from './test-world.ts';
import { restore, retain, type RetentionDeps } from './index.ts';

const SETTINGS = { appointmentDays: 3650, notificationDays: 365 };
const NOW = new Date('2026-11-20T10:00:00Z');

let database: Database;
let tmp: string;
let world: RetentionWorld;
let run = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  tmp = await mkdtemp(join(tmpdir(), 'hs-retention-test-'));
});

afterAll(async () => {
  await database.close();
  await rm(tmp, { recursive: true, force: true });
});

beforeEach(async () => {
  // Archive what earlier tests left behind (restored or refused rows), so each test sees only its own world.
  await retain({ db: database.db, store: freshStore(), retention: SETTINGS, tmpDir: tmp, now: () => NOW });
  world = await seedRetentionWorld(database.db);
});

const freshStore = (): LocalObjectStore => new LocalObjectStore(join(tmp, `store-${String(++run)}`));
const deps = (store: LocalObjectStore): RetentionDeps => ({
  db: database.db,
  store,
  retention: SETTINGS,
  tmpDir: tmp,
  now: () => NOW,
});

/** Every row of the world's tables, as JSON text: the whole live state retention may touch. */
async function snapshot(): Promise<Record<string, string[]>> {
  const tables = ['appointments', 'notification_reminders', 'idempotency_keys', 'notification_deliveries'];
  const out: Record<string, string[]> = {};
  for (const [name, query] of [
    [tables[0], sql`select to_jsonb(t)::text as r from appointments t where t.clinic_id = ${world.clinicId}`],
    [
      tables[1],
      sql`select to_jsonb(t)::text as r from notification_reminders t where t.appointment_id = any(${sql.param(world.appointmentIds)}::uuid[])`,
    ],
    [tables[2], sql`select to_jsonb(t)::text as r from idempotency_keys t where t.user_id = ${world.userId}`],
    [
      tables[3],
      sql`select to_jsonb(t)::text as r from notification_deliveries t where t.user_id = ${world.userId}`,
    ],
    [
      'notification_inbox',
      sql`select to_jsonb(t)::text as r from notification_inbox t where t.user_id = ${world.userId}`,
    ],
    ['outbox', sql`select to_jsonb(t)::text as r from outbox t where t.recipient_user_id = ${world.userId}`],
  ] as const) {
    out[name!] = (await queryRows<{ r: string }>(database.db, query)).map((x) => x.r).sort();
  }
  return out;
}

const ids = (rows: string[]): string[] => rows.map((r) => (JSON.parse(r) as { id: string }).id).sort();

describe('retain', () => {
  it('archives only what is old enough and allowed to go, and a dry run touches nothing', async () => {
    const store = freshStore();
    const before = await snapshot();
    const dry = await retain(deps(store), { dryRun: true });
    expect(dry.ok).toBe(true);
    const counts = Object.fromEntries(dry.groups.flatMap((g) => g.tables.map((t) => [t.table, t.rows])));
    expect(counts).toMatchObject({
      appointments: 3,
      notification_reminders: 1,
      idempotency_keys: 1,
      notification_deliveries: 1,
      notification_inbox: 1,
      outbox: 1,
    });
    expect(await store.list('')).toEqual([]);
    expect(await snapshot()).toEqual(before);

    const report = await retain(deps(store));
    expect(report.ok).toBe(true);
    const after = await snapshot();
    expect(ids(after.appointments!)).toEqual([...world.keep.appointments].sort());
    expect(ids(after.notification_deliveries!)).toEqual([...world.keep.deliveries].sort());
    expect(ids(after.outbox!)).toEqual([...world.keep.outbox].sort());
    expect(after.notification_reminders).toEqual([]);
    expect(after.notification_inbox).toEqual([]);
    const archives = report.groups.flatMap((g) => g.archives);
    expect(archives).toHaveLength(3);
    for (const key of archives) expect(await store.exists(key)).toBe(true);
  });

  it('round-trips: restore brings back exactly the rows that were deleted, and twice changes nothing', async () => {
    const store = freshStore();
    const before = await snapshot();
    const report = await retain(deps(store));
    for (const key of report.groups.flatMap((g) => g.archives)) {
      const first = await restore({ db: database.db, store }, key);
      expect(first.complete).toBe(true);
      expect(first.tables.every((t) => t.inserted === t.archived)).toBe(true);
      const second = await restore({ db: database.db, store }, key.replace(/\/manifest\.json$/, ''));
      expect(second.complete).toBe(true);
      expect(second.tables.every((t) => t.inserted === 0)).toBe(true);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('is idempotent: a second run finds nothing and writes nothing', async () => {
    const store = freshStore();
    await retain(deps(store));
    const objects = await store.list('');
    const again = await retain(deps(store));
    expect(again.ok).toBe(true);
    expect(again.groups.map((g) => g.status)).toEqual(['nothing_to_do', 'nothing_to_do', 'nothing_to_do']);
    expect(await store.list('')).toEqual(objects);
  });

  it('archives large sets in several batches', async () => {
    const store = freshStore();
    const report = await retain(deps(store), { batchSize: 2, groups: ['appointments'] });
    expect(report.groups[0]!.archives).toHaveLength(2);
    expect(report.groups[0]!.tables[0]).toEqual({ table: 'appointments', rows: 3 });
  });
});

class FailingWrites extends LocalObjectStore {
  override async putFile(key: string, path: string): Promise<PutResult> {
    if (key.endsWith('.parquet')) throw new Error('bucket is read-only');
    return super.putFile(key, path);
  }
}

/** Stores a valid Parquet file that silently lost its last row. */
class DropsARow extends LocalObjectStore {
  override async putFile(key: string, path: string): Promise<PutResult> {
    const records = await readRecordsParquet(path);
    if (records.length > 0) await writeRecordsParquet(records.slice(0, -1), path);
    return super.putFile(key, path);
  }
}

/** Hands back garbage instead of the object (a corrupted download). */
class CorruptReads extends LocalObjectStore {
  override async localPath(key: string): Promise<string> {
    const path = join(this.root, '..', `corrupt-${String(run)}.parquet`);
    await writeFile(path, 'PAR1 this is not parquet PAR1');
    return key.endsWith('manifest.json') ? super.localPath(key) : path;
  }
}

/** Writes the manifest fine, but someone edits an archived row just before the deletion. */
class ConcurrentEdit extends LocalObjectStore {
  edit: () => Promise<void> = async () => undefined;
  override async put(key: string, body: ObjectBody): Promise<PutResult> {
    const result = await super.put(key, body);
    if (key.endsWith('manifest.json')) await this.edit();
    return result;
  }
}

describe('retain never deletes what it could not archive and verify', () => {
  const cases: [string, () => LocalObjectStore, string][] = [
    [
      'the store refuses writes',
      () => new FailingWrites(join(tmp, `fail-${String(++run)}`)),
      'retention.error',
    ],
    [
      'the stored file lost a row',
      () => new DropsARow(join(tmp, `drop-${String(++run)}`)),
      'retention.verify_failed',
    ],
    [
      'the object reads back corrupted',
      () => new CorruptReads(join(tmp, `bad-${String(++run)}`, 'store')),
      'retention.verify_failed',
    ],
  ];
  it.each(cases)('when %s', async (_name, make, code) => {
    const store = make();
    const before = await snapshot();
    const report = await retain(deps(store));
    expect(report.ok).toBe(false);
    for (const group of report.groups) {
      expect(group.status).toBe('failed');
      expect(group.error?.code).toBe(code);
      expect(group.archives).toEqual([]);
    }
    expect(await snapshot()).toEqual(before);
    expect(await store.list('')).toEqual([]);
  });

  it('when a row changes between archiving and deleting', async () => {
    const store = new ConcurrentEdit(join(tmp, `edit-${String(++run)}`));
    store.edit = async () => {
      await database.db.execute(
        sql`update appointments set reason = 'edited meanwhile' where id = ${world.archivable.appointments[0]!}`,
      );
    };
    const before = await snapshot();
    const report = await retain(deps(store), { groups: ['appointments'] });
    expect(report.groups[0]).toMatchObject({ status: 'failed', error: { code: 'retention.changed' } });
    const after = await snapshot();
    expect(ids(after.appointments!)).toEqual(ids(before.appointments!));
    expect(after.notification_reminders).toEqual(before.notification_reminders);
    expect(await store.list('')).toEqual([]);
  });
});

describe('on S3', () => {
  it('archives to and restores from an S3-compatible store', async () => {
    const s3 = await startS3();
    const store = createObjectStore(s3.config('clinic-1/'));
    try {
      const before = await snapshot();
      const report = await retain({ ...deps(freshStore()), store });
      expect(report.ok).toBe(true);
      expect(ids((await snapshot()).appointments!)).toEqual([...world.keep.appointments].sort());
      const keys = await store.list('archive/retention/');
      expect(keys.filter((k) => k.endsWith('manifest.json')).sort()).toEqual(
        report.groups.flatMap((g) => g.archives).sort(),
      );
      for (const key of report.groups.flatMap((g) => g.archives)) {
        expect((await restore({ db: database.db, store }, key)).complete).toBe(true);
      }
      expect(await snapshot()).toEqual(before);
    } finally {
      store.close();
      await s3.close();
    }
  });
});

describe('restore', () => {
  it('refuses an archive whose file does not match its manifest, and inserts nothing', async () => {
    const store = freshStore();
    const report = await retain(deps(store), { groups: ['outbox'] });
    const key = report.groups[0]!.archives[0]!;
    const fileKey = key.replace('manifest.json', 'outbox.parquet');
    const path = join(tmp, 'tampered.parquet');
    await writeRecordsParquet(['{"id": "00000000-0000-7000-8000-000000000000"}'], path);
    await store.putFile(fileKey, path);
    const before = await snapshot();
    await expect(restore({ db: database.db, store }, key)).rejects.toMatchObject({
      code: 'retention.archive_corrupt',
    });
    expect(await snapshot()).toEqual(before);
  });

  it('answers store.not_found for an archive that does not exist', async () => {
    await expect(
      restore({ db: database.db, store: freshStore() }, 'archive/retention/outbox/nope'),
    ).rejects.toMatchObject({
      code: 'store.not_found',
    });
  });
});
