/**
 * Drives the generator into five CSV files: patients in batches, each batch's full 1 MiB chunks handed to
 * a write stream, waiting for 'drain' whenever a stream's buffer is full (backpressure), so memory stays flat.
 * Files are written under temporary names and renamed into place only when all five are complete; on failure
 * the temporary files are removed and nothing is left behind.
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { FILE_NAMES, type FileName } from '../generate/columns.ts';
import { emptySinks, type Generator } from '../generate/generator.ts';

export interface WrittenFile {
  readonly name: FileName;
  readonly path: string;
  readonly rows: number;
  readonly bytes: number;
}

/** Patients per batch: about 11,000 rows or 1.5 MB of text between two looks at the streams. */
const BATCH_PATIENTS = 1000;
const STREAM_BUFFER = 4 << 20;

export interface CsvProgress {
  (patientsDone: number): void;
}

export async function writeCsvFiles(
  generator: Generator,
  dir: string,
  patients: number,
  progress?: CsvProgress,
): Promise<WrittenFile[]> {
  const temporary = (name: FileName): string => join(dir, `.${name}.csv.partial-${process.pid}`);
  const streams = Object.fromEntries(
    FILE_NAMES.map((name) => [name, createWriteStream(temporary(name), { highWaterMark: STREAM_BUFFER })]),
  ) as Record<FileName, WriteStream>;
  try {
    const bytes = await pump(generator, streams, patients, progress);
    await Promise.all(FILE_NAMES.map((name) => finish(streams[name])));
    for (const name of FILE_NAMES) await rename(temporary(name), join(dir, `${name}.csv`));
    return FILE_NAMES.map((name) => ({
      name,
      path: join(dir, `${name}.csv`),
      rows: rowCount(generator, name),
      bytes: bytes[name],
    }));
  } catch (err) {
    for (const stream of Object.values(streams)) stream.destroy();
    await Promise.all(FILE_NAMES.map((name) => rm(temporary(name), { force: true })));
    throw err;
  }
}

async function pump(
  generator: Generator,
  streams: Record<FileName, WriteStream>,
  patients: number,
  progress?: CsvProgress,
): Promise<Record<FileName, number>> {
  const sinks = emptySinks();
  const bytes = Object.fromEntries(FILE_NAMES.map((name) => [name, 0])) as Record<FileName, number>;
  const drain = async (all: boolean): Promise<void> => {
    for (const name of FILE_NAMES) {
      for (const chunk of all ? sinks[name].takeAll() : sinks[name].takeFull()) {
        bytes[name] += chunk.length;
        const sink = sinks[name];
        if (!streams[name].write(chunk, () => sink.recycle(chunk))) await waitForDrain(streams[name]);
      }
    }
  };
  generator.start(sinks);
  for (let from = 0; from < patients; from += BATCH_PATIENTS) {
    generator.patients(from, Math.min(patients, from + BATCH_PATIENTS), sinks);
    await drain(false);
    progress?.(Math.min(patients, from + BATCH_PATIENTS));
  }
  await drain(true);
  return bytes;
}

/** Resolves on 'drain'; rejects if the stream fails first (e.g. the disk is full). */
async function waitForDrain(stream: WriteStream): Promise<void> {
  await once(stream, 'drain');
}

async function finish(stream: WriteStream): Promise<void> {
  stream.end();
  await once(stream, 'finish');
}

function rowCount(generator: Generator, name: FileName): number {
  const { stats, world } = generator;
  const counts: Record<FileName, number> = {
    clinics: world.clinics.length,
    doctors: world.doctors.length,
    patients: stats.patients,
    appointments: stats.appointments,
    records: stats.records,
  };
  return counts[name];
}
