/**
 * `healthsync import noshow` of the whole public file (110,527 appointments, ../shared/data/noshow) into a
 * fresh migrated PGlite database (issue 7 target: under 15 s). Figures: seconds from reading the file to the
 * commit, rows/s, and the rule counts of the report. Baseline in the same run: the same import path with one
 * INSERT per row, on the first 5,000 rows of the file (a full row-by-row run would take minutes).
 */
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../src/server/db/client.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { importFiles, type ImportReport } from '../../src/server/modules/imports/index.ts';

const FILE = join(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'noshow', 'KaggleV2-May-2016.csv');
const SAMPLE_ROWS = 5000;
const TARGET_SECONDS = 15;

async function freshDatabase(): Promise<Database> {
  const database = await openDatabase({ kind: 'pglite' });
  await migrate(database);
  return database;
}

interface Timed {
  report: ImportReport;
  seconds: number;
  /** CPU seconds of this process (PGlite runs in it): the work done, whatever else shares the machine. */
  cpu: number;
}

async function timedImport(path: string, batchRows?: number): Promise<Timed> {
  const database = await freshDatabase();
  try {
    const began = performance.now();
    const cpu = process.cpuUsage();
    const report = await importFiles(database.db, {
      format: 'noshow',
      path,
      ...(batchRows ? { batchRows } : {}),
    });
    const used = process.cpuUsage(cpu);
    return { report, seconds: (performance.now() - began) / 1000, cpu: (used.user + used.system) / 1e6 };
  } finally {
    await database.close();
  }
}

const rate = (rows: number, seconds: number): string => Math.round(rows / seconds).toLocaleString('en');

const full = await timedImport(FILE);
const rows = full.report.files[0]!.rows;
console.log(
  `noshow import, whole file on PGlite: ${rows.toLocaleString('en')} rows in ${full.seconds.toFixed(2)} s ` +
    `(${rate(rows, full.seconds)} rows/s; target < ${TARGET_SECONDS} s: ${full.seconds < TARGET_SECONDS ? 'met' : 'MISSED'}); ` +
    `CPU ${full.cpu.toFixed(2)} s, load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`,
);
const c = full.report.created;
console.log(
  `  created: ${c.clinics} clinics, ${c.doctors} doctors, ${c.patients} patients, ${c.appointments} appointments`,
);
for (const r of full.report.rules)
  console.log(`  ${r.action.padEnd(8)} ${String(r.rows).padStart(7)}  ${r.rule}`);
console.log(`  rejected rows: ${full.report.rejectedRows}`);

const sampleDir = mkdtempSync(join(tmpdir(), 'hs-import-bench-'));
const sample = join(sampleDir, 'sample.csv');
const lines = readFileSync(FILE, 'utf8').split('\n');
writeFileSync(sample, lines.slice(0, SAMPLE_ROWS + 1).join('\n') + '\n');
const batched = await timedImport(sample);
const single = await timedImport(sample, 1);
console.log(
  `first ${SAMPLE_ROWS.toLocaleString('en')} rows: batched ${batched.seconds.toFixed(2)} s (${rate(SAMPLE_ROWS, batched.seconds)} rows/s, CPU ${batched.cpu.toFixed(2)} s), ` +
    `baseline one INSERT per row ${single.seconds.toFixed(2)} s (${rate(SAMPLE_ROWS, single.seconds)} rows/s, CPU ${single.cpu.toFixed(2)} s, ` +
    `whole file ≈ ${((single.seconds / SAMPLE_ROWS) * rows).toFixed(0)} s); batched is ${(single.seconds / batched.seconds).toFixed(1)}× faster`,
);
