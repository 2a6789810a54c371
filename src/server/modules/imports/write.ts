/** Loads a resolved import in one transaction: new rows, their source-id mappings, the run and its report. */
import type { PgTable } from 'drizzle-orm/pg-core';
import { AppError } from '../../../core/errors.ts';
import type { Db, Tx } from '../../db/client.ts';
import { sqlState } from '../../db/errors.ts';
import { bulkIds } from './ids.ts';
import {
  appointments,
  billingLines,
  clinicalNotes,
  clinics,
  diagnoses,
  doctorWeeklyHours,
  doctors,
  encounters,
  importRuns,
  labResults,
  patients,
  prescriptions,
} from '../../db/schema/index.ts';
import { ENTITY_OF } from './model.ts';
import { SET_KEYS, type Linked } from './link.ts';
import type { PatientMatch } from './match.ts';
import * as repo from './repo.ts';
import type { ImportReport } from './report.ts';
import * as rows from './rows.ts';

const ENTRY_TABLES: Record<rows.EntryTable, PgTable> = {
  diagnoses,
  billing_lines: billingLines,
  clinical_notes: clinicalNotes,
  prescriptions,
  lab_results: labResults,
};

export interface LoadContext {
  runId: string;
  source: string;
  matches: PatientMatch[];
  onProgress: ((done: number, total: number) => void) | undefined;
  run: Omit<typeof importRuns.$inferInsert, 'report'>;
  report: () => ImportReport;
  /** Rows per INSERT (default repo.BATCH_ROWS; the benchmark's row-by-row baseline uses 1). */
  batchRows?: number | undefined;
}

const columnsOf = (list: readonly repo.DbRow[]): string[] => Object.keys(list[0] ?? {});

/** Per entity: the new rows' source ids and ids, then the matched patients (linked, not created). */
function mappingsOf(linked: Linked, ctx: LoadContext): repo.Mappings[] {
  const out = SET_KEYS.map((key): repo.Mappings => {
    const fresh = linked.fresh[key];
    return {
      entity: ENTITY_OF[key],
      sourceIds: fresh.map(({ row }) => row.sourceId),
      targetIds: fresh.map(({ id }) => id),
      matchedBy: fresh.map(() => null),
    };
  });
  out.push({
    entity: 'patient',
    sourceIds: ctx.matches.map((m) => m.sourceId),
    targetIds: ctx.matches.map((m) => m.patientId),
    matchedBy: ctx.matches.map((m) => m.by),
  });
  return out.filter((m) => m.sourceIds.length > 0);
}

async function ownersOf(db: Db | Tx, linked: Linked, encounterRows: repo.DbRow[]) {
  const owners = new Map<string, rows.Owner>();
  for (const e of encounterRows)
    owners.set(e.id as string, { patientId: e.patient_id as string, doctorId: e.doctor_id as string });
  const encounterIds = linked.ids.get('encounter')!;
  const earlier = linked.fresh.entries
    .map(({ row }) => encounterIds.get(row.value.encounter)!)
    .filter((id) => !owners.has(id));
  for (const [id, owner] of await repo.encounterOwners(db, [...new Set(earlier)])) owners.set(id, owner);
  return owners;
}

export async function loadLinked(db: Db | Tx, linked: Linked, ctx: LoadContext): Promise<void> {
  const encounterRows = rows.encounterRows(linked);
  const tables: [PgTable, repo.DbRow[]][] = [
    [clinics, rows.clinicRows(linked)],
    [doctors, rows.doctorRows(linked)],
    [doctorWeeklyHours, rows.weeklyHourRows(linked, bulkIds())],
    [patients, rows.patientRows(linked)],
    [appointments, rows.appointmentRows(linked)],
    [encounters, encounterRows],
    ...[...rows.entryRows(linked, await ownersOf(db, linked, encounterRows))].map(
      ([name, list]): [PgTable, repo.DbRow[]] => [ENTRY_TABLES[name], list],
    ),
  ];
  const mappings = mappingsOf(linked, ctx);
  const total =
    tables.reduce((n, [, list]) => n + list.length, 0) + mappings.reduce((n, m) => n + m.sourceIds.length, 0);
  let done = 0;
  const progress = (n: number) => {
    done += n;
    ctx.onProgress?.(done, total);
  };
  await db
    .transaction(async (tx: Tx) => {
      for (const [table, list] of tables)
        if (list.length > 0) await repo.insertRows(tx, table, columnsOf(list), list, progress, ctx.batchRows);
      for (const m of mappings)
        await repo.insertMappings(tx, ctx.source, ctx.runId, m, progress, ctx.batchRows);
      await repo.insertRun(tx, { ...ctx.run, report: ctx.report() as unknown as Record<string, unknown> });
    })
    .catch((err: unknown) => {
      throw refusedByDatabase(err);
    });
}

const BY_STATE: Record<string, string> = {
  '23P01':
    'an appointment overlaps another one of the same doctor or patient (already in the database, or in these files)',
  '23503':
    'a row refers to something the database does not know (e.g. an ICD-10-CM code not in the FY2026 list)',
  '23514': 'a value breaks a rule of the database (a CHECK constraint)',
  '23505': 'a row would duplicate a unique value already in the database',
};

/** A constraint refused a row: one clean error, no row data (the driver's message carries the values). */
function refusedByDatabase(err: unknown): unknown {
  const state = sqlState(err);
  const constraint = (err as { cause?: { constraint?: string } }).cause?.constraint;
  const reason = state ? BY_STATE[state] : undefined;
  if (!reason) return err;
  return new AppError(422, 'import.rejected_by_database', 'Import refused by the database', {
    detail: `${reason}${constraint ? ` [${constraint}]` : ''}; nothing was imported`,
  });
}
