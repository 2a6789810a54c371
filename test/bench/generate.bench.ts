/**
 * `npm run bench generate`: throughput of the Health Synth generator, and `healthsync generate --patients
 * 1000000` end to end. Baseline measured in the same run: the naive way — faker for every field of every
 * row, rows built by string concatenation and appended to the files — at a smaller size.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakerPT_BR as faker } from '@faker-js/faker';
import { createGenerator, emptySinks } from '../../src/pipeline/generate/generator.ts';
import { parseGenerateFlags } from '../../src/pipeline/generate/options.ts';

const CLI = join(import.meta.dirname, '..', '..', 'src', 'cli', 'main.ts');
const GENERATOR_PATIENTS = 1_000_000;
const BASELINE_PATIENTS = 20_000;
const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** The generator in this process, output thrown away: rows/s of generation alone. */
function generatorRowsPerSecond(patients: number): { rows: number; seconds: number } {
  const began = performance.now();
  const generator = createGenerator(parseGenerateFlags({ out: '-', patients: String(patients) }));
  const sinks = emptySinks();
  generator.start(sinks);
  for (let from = 0; from < patients; from += 1000) {
    generator.patients(from, Math.min(patients, from + 1000), sinks);
    for (const sink of Object.values(sinks)) for (const chunk of sink.takeFull()) sink.recycle(chunk);
  }
  const { stats, world } = generator;
  const rows =
    world.clinics.length + world.doctors.length + stats.patients + stats.appointments + stats.records;
  return { rows, seconds: (performance.now() - began) / 1000 };
}

/** A CSV line the naive way: field by field, string concatenation. */
function line(...fields: (string | number)[]): string {
  let text = '';
  for (const field of fields) text += (text === '' ? '' : ',') + String(field);
  return text + '\n';
}

const FROM = new Date('2025-01-01T00:00:00-03:00');
const TO = new Date('2025-12-31T23:59:59-03:00');
const day = (d: Date): string => d.toISOString().slice(0, 10);
const int = (min: number, max: number): number => faker.number.int({ min, max });

function naivePatient(id: number): string {
  const sex = faker.helpers.arrayElement(['female', 'male'] as const);
  const flags = [int(0, 1), int(0, 1), int(0, 1), int(0, 1), int(0, 4)];
  const visit = day(faker.date.between({ from: FROM, to: TO }));
  const name = faker.person.fullName({ sex });
  const place = [faker.phone.number(), faker.location.latitude(), faker.location.longitude(), int(1, 174)];
  const age = int(0, 100);
  return line(
    id,
    sex === 'female' ? 'F' : 'M',
    age,
    faker.location.city(),
    ...flags,
    visit,
    name,
    day(faker.date.birthdate()),
    ...place,
  );
}

function naiveVisit(id: number, v: number): [string, string] {
  const start = faker.date.between({ from: FROM, to: TO });
  const booked = faker.date.recent({ refDate: start, days: 30 }).toISOString();
  const end = new Date(start.getTime() + 1_800_000).toISOString();
  const status = faker.helpers.arrayElement(['completed', 'no_show', 'cancelled']);
  const noShow = faker.helpers.arrayElement(['Yes', 'No']);
  const appointment = line(
    id * 100 + v,
    id,
    booked,
    day(start),
    noShow,
    int(1, 2000),
    int(1, 174),
    start.toISOString(),
    end,
    status,
    int(0, 1),
    faker.lorem.word(),
    faker.lorem.words(3),
  );
  const bill = faker.finance.amount({ min: 50, max: 900 });
  const record = line(
    id,
    int(1, 2000),
    day(start),
    faker.lorem.words(4),
    bill,
    id * 100 + v,
    id * 100 + v,
    int(1, 174),
    faker.string.alphanumeric(5),
    1,
  );
  return [appointment, record];
}

/** The naive generator: faker per field, string concatenation, appendFileSync every 1,000 patients. */
function baselineRowsPerSecond(patients: number, dir: string): { rows: number; seconds: number } {
  faker.seed(1);
  const began = performance.now();
  let rows = 0;
  let text = { patients: '', appointments: '', records: '' };
  const flush = (): void => {
    for (const [name, content] of Object.entries(text)) appendFileSync(join(dir, `${name}.csv`), content);
    text = { patients: '', appointments: '', records: '' };
  };
  for (let id = 1; id <= patients; id++) {
    text.patients += naivePatient(id);
    rows++;
    for (let v = int(0, 10) - 1; v >= 0; v--) {
      const [appointment, record] = naiveVisit(id, v);
      text.appointments += appointment;
      text.records += record;
      rows += 2;
    }
    if (id % 1000 === 0) flush();
  }
  flush();
  return { rows, seconds: (performance.now() - began) / 1000 };
}

/** Runs the CLI as a child process: wall time, and peak resident memory read from /proc while it runs. */
function cliRun(
  args: string[],
): Promise<{ seconds: number; peakMiB: number; summary: { files: { rows: number; bytes: number }[] } }> {
  const began = performance.now();
  const child = spawn(process.execPath, [CLI, 'generate', ...args, '--json'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  let peakKb = 0;
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const poll = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${String(child.pid)}/status`, 'utf8');
      peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
    } catch {
      // the process has just exited
    }
  }, 50);
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => {
      clearInterval(poll);
      if (code !== 0) reject(new Error(`healthsync generate exited with ${String(code)}`));
      else
        resolve({
          seconds: (performance.now() - began) / 1000,
          peakMiB: peakKb / 1024,
          summary: JSON.parse(out) as never,
        });
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'healthsync-bench-generate-'));
try {
  const ours = generatorRowsPerSecond(GENERATOR_PATIENTS);
  const naive = baselineRowsPerSecond(BASELINE_PATIENTS, dir);
  const ourRate = ours.rows / ours.seconds;
  const naiveRate = naive.rows / naive.seconds;
  console.log(
    `generator, in process (${fmt(GENERATOR_PATIENTS)} patients): ${fmt(ours.rows)} rows in ${fmt(ours.seconds, 1)} s = ${fmt(ourRate)} rows/s`,
  );
  console.log(
    `baseline, faker per row + string concatenation (${fmt(BASELINE_PATIENTS)} patients): ${fmt(naive.rows)} rows in ${fmt(naive.seconds, 1)} s = ${fmt(naiveRate)} rows/s`,
  );
  console.log(`speed-up over the baseline: ${fmt(ourRate / naiveRate, 1)}×`);
  for (const format of ['csv', 'parquet']) {
    const run = await cliRun(['--out', join(dir, format), '--patients', '1000000', '--format', format]);
    const rows = run.summary.files.reduce((sum, f) => sum + f.rows, 0);
    const bytes = run.summary.files.reduce((sum, f) => sum + f.bytes, 0);
    console.log(
      `healthsync generate --patients 1000000 --format ${format}: ${fmt(run.seconds, 1)} s wall, peak RSS ${fmt(run.peakMiB)} MiB, ${fmt(rows)} rows, ${fmt(bytes / 1e6)} MB${format === 'csv' ? ' (target: under 60 s)' : ''}`,
    );
    rmSync(join(dir, format), { recursive: true, force: true });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
