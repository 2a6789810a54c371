/**
 * `import <format> <path>`: parse and validate the whole file set first, resolve it against earlier
 * imports of the same source, match patients, then load everything in ONE transaction. Any problem and
 * nothing is loaded (the report names file, line, column and reason) — unless a reject file is given:
 * then bad rows (and rows that depend on them) are written there and the good ones load.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../../../core/errors.ts';
import type { Db, Tx } from '../../db/client.ts';
import { bulkIds } from './ids.ts';
import type { ImportFormat } from '../../db/schema/index.ts';
import { parseHealthSynth } from './healthsynth.ts';
import { link, sourceIdsUsed, type IdMap, type Linked } from './link.ts';
import { applyMatches, matchableBirthDates, matchPatients, type MatchResult } from './match.ts';
import type { ImportSet } from './model.ts';
import { parseNoshow } from './noshow.ts';
import * as repo from './repo.ts';
import { createdCounts, rejectedRowCount, rejectFileText, ruleCounts, type ImportReport } from './report.ts';
import { parseSynthea } from './synthea.ts';
import { loadLinked } from './write.ts';

export const PARSERS: Record<ImportFormat, (path: string, options: { asOf?: Date }) => ImportSet> = {
  healthsynth: parseHealthSynth,
  noshow: parseNoshow,
  synthea: parseSynthea,
};

export interface ImportOptions {
  format: ImportFormat;
  path: string;
  /** Names the data set for idempotence (source ids are unique within it); default: the format. */
  source?: string;
  /** Write bad rows here and load the good ones (default: any bad row refuses the whole import). */
  rejectFile?: string;
  /** Health Synth only: visits after this time are imported as bookings (the demo's future). */
  asOf?: Date;
  /** Rows written so far of the total to write. */
  onProgress?: (done: number, total: number) => void;
  /** Rows per INSERT statement (for the benchmark's row-by-row baseline). */
  batchRows?: number;
}

async function earlierMappings(db: Db | Tx, source: string, set: ImportSet): Promise<IdMap> {
  const earlier: IdMap = new Map();
  if (!(await repo.sourceSeen(db, source))) return earlier;
  for (const [entity, ids] of sourceIdsUsed(set))
    earlier.set(entity, await repo.loadMappings(db, source, entity, [...ids]));
  return earlier;
}

function report(
  options: ImportOptions,
  source: string,
  set: ImportSet,
  linked: Linked,
  matched: MatchResult,
  started: number,
): ImportReport {
  return {
    ok: true,
    runId: null,
    format: options.format,
    source,
    files: set.files,
    created: createdCounts(linked),
    alreadyImported: linked.skipped,
    rules: ruleCounts(set),
    rejectedRows: rejectedRowCount(linked.issues),
    issues: linked.issues.map(({ raw: _raw, ...issue }) => issue),
    matches: matched.matches,
    ambiguous: matched.ambiguous,
    seconds: (performance.now() - started) / 1000,
  };
}

/** `db` may be a transaction: the import then runs inside it (as a savepoint). */
export async function importFiles(db: Db | Tx, options: ImportOptions): Promise<ImportReport> {
  const started = performance.now();
  const startedAt = new Date();
  const source = options.source ?? options.format;
  const set = PARSERS[options.format](options.path, options.asOf ? { asOf: options.asOf } : {});
  const linked = link(set, await earlierMappings(db, source, set), bulkIds());
  const matched = matchPatients(linked, await repo.patientsBornOn(db, matchableBirthDates(linked)));
  applyMatches(linked, matched);
  const result = report(options, source, set, linked, matched, started);
  if (linked.issues.length > 0) {
    if (!options.rejectFile) throw importRefused(result);
    writeFileSync(options.rejectFile, rejectFileText(linked.issues));
  }
  const runId = bulkIds()();
  const rows = set.files.reduce((n, f) => n + f.rows, 0);
  await loadLinked(db, linked, {
    runId,
    source,
    matches: matched.matches,
    onProgress: options.onProgress,
    batchRows: options.batchRows,
    run: { id: runId, format: options.format, source, path: resolve(options.path), rows, startedAt },
    report: () => ({ ...result, runId, seconds: (performance.now() - started) / 1000 }),
  });
  return { ...result, runId, seconds: (performance.now() - started) / 1000 };
}

export class ImportRefused extends AppError {
  readonly report: ImportReport;
  constructor(result: ImportReport) {
    const n = result.rejectedRows;
    super(422, 'import.invalid', 'Import refused', {
      detail: `${n} bad row${n === 1 ? '' : 's'}; nothing was imported (use --reject-file to load the good rows)`,
      errors: result.issues.slice(0, 100).map((i) => ({
        path: `${i.file} line ${i.line}${i.column ? ` column ${i.column}` : ''}`,
        message: i.reason,
      })),
    });
    this.report = { ...result, ok: false };
  }
}

const importRefused = (result: ImportReport): ImportRefused => new ImportRefused(result);
