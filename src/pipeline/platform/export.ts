/**
 * `--source platform`: the live platform database written as the five Health Synth CSV files for a date,
 * page by page with backpressure (memory stays flat however large the tables), all five from ONE read-only
 * REPEATABLE READ transaction: one snapshot, so a visit completed between two entities' reads cannot give a
 * record whose appointment is not exported. Files are written under temporary names and renamed into place
 * only when all five are complete. See
 * docs/decisions/0014-platform-extract.md for what a date's files contain and why.
 */
import { once } from 'node:events';
import { PGlite } from '@electric-sql/pglite';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../core/errors.ts';
import type { Db, Tx } from '../../server/db/client.ts';
import { FILE_NAMES, headerLine, type FileName } from '../generate/columns.ts';
import type { WrittenFile } from '../io/csv-files.ts';
import { pages, presence } from './queries.ts';
import { csvLines, memoizedIds, type CsvLine } from './rows.ts';

export const PAGE_SIZE = 20_000;

export interface PlatformExport {
  readonly files: WrittenFile[];
  /** Past appointments left out because their status is not final (booked, checked in). */
  readonly unsettled: number;
}

/** Called after each entity's file is complete (tests interleave writes there). */
export type AfterEntity = (entity: FileName) => Promise<void>;

/** Refuses a date with nothing to export, naming what is missing. */
async function checkPresence(tx: Tx, date: string): Promise<number> {
  const found = await presence(tx, date);
  const missing = (['clinics', 'doctors', 'appointments'] as const).filter((k) => found[k] === 0);
  if (missing.length > 0) {
    const what = missing.map((k) => (k === 'appointments' ? `settled appointments before ${date}` : k));
    throw new AppError(422, 'pipeline.no_platform_data', 'Nothing to export from the platform', {
      detail: `The platform database has no ${what.join(', no ')}: there is nothing to run the pipeline on.`,
    });
  }
  return found.unsettled;
}

/** How pages are read and lines made: the same for all five files of one export. */
interface Reader {
  readonly pageSize: number;
  /** Pages as one JSON text each (embedded PGlite, queries.ts). */
  readonly json: boolean;
  readonly csvLine: CsvLine;
}

async function writeEntity(
  tx: Tx,
  entity: FileName,
  date: string,
  stream: WriteStream,
  { pageSize, json, csvLine }: Reader,
): Promise<{ rows: number; bytes: number }> {
  let rows = 0;
  let bytes = 0;
  const write = async (chunk: string): Promise<void> => {
    bytes += Buffer.byteLength(chunk);
    if (!stream.write(chunk)) await once(stream, 'drain');
  };
  await write(headerLine(entity));
  for await (const page of pages(tx, entity, date, pageSize, json)) {
    let chunk = '';
    for (const row of page) chunk += csvLine(entity, row);
    rows += page.length;
    await write(chunk);
  }
  stream.end();
  await once(stream, 'finish');
  return { rows, bytes };
}

export async function exportPlatform(
  db: Db,
  date: string,
  dir: string,
  pageSize = PAGE_SIZE,
  afterEntity?: AfterEntity,
): Promise<PlatformExport> {
  // Inside the callback every query goes through `tx`: `db` would wait on PGlite's one connection (a
  // deadlock) and on PostgreSQL read outside the snapshot. Read-only, so it holds no locks that block
  // writers; it does hold back vacuum for the export's duration (decision 0014).
  const json = (db as { $client?: unknown }).$client instanceof PGlite;
  return db.transaction((tx) => exportIn(tx, date, dir, { pageSize, json }, afterEntity), {
    isolationLevel: 'repeatable read',
    accessMode: 'read only',
  });
}

async function exportIn(
  tx: Tx,
  date: string,
  dir: string,
  reading: Omit<Reader, 'csvLine'>,
  afterEntity: AfterEntity | undefined,
): Promise<PlatformExport> {
  const unsettled = await checkPresence(tx, date);
  await mkdir(dir, { recursive: true });
  const temporary = (name: FileName): string => join(dir, `.${name}.csv.partial-${String(process.pid)}`);
  const streams: Partial<Record<FileName, WriteStream>> = {};
  // One id memo for all five files: patients, doctors and clinics recur in the later ones.
  const reader: Reader = { ...reading, csvLine: csvLines(memoizedIds()) };
  try {
    const files: WrittenFile[] = [];
    // One entity at a time: the transaction answers one query at a time anyway, and it keeps two pages
    // (the one being written and the next, queries.ts) in memory at most.
    for (const name of FILE_NAMES) {
      const stream = createWriteStream(temporary(name));
      streams[name] = stream;
      const { rows, bytes } = await writeEntity(tx, name, date, stream, reader);
      files.push({ name, path: join(dir, `${name}.csv`), rows, bytes });
      await afterEntity?.(name);
    }
    for (const name of FILE_NAMES) await rename(temporary(name), join(dir, `${name}.csv`));
    return { files, unsettled };
  } catch (err) {
    for (const stream of Object.values(streams)) stream.destroy();
    await Promise.all(FILE_NAMES.map((name) => rm(temporary(name), { force: true })));
    throw err;
  }
}
