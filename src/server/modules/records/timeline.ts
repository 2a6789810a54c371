/** The patient timeline: everything that happened to a patient, newest first, cursor-paginated. */
import { AppError } from '../../../core/errors.ts';
import type { Page } from '../../../core/pagination.ts';
import type { Db } from '../../db/client.ts';
import type { EntryKind } from '../../db/schema/index.ts';
import type { Principal } from '../../http/access.ts';
import { decodeCursor, encodeCursor } from '../../http/pagination.ts';
import { recordAudit, type AuditContext } from '../audit/index.ts';
import { dtoOf, namesFor } from './dto.ts';
import { guardRead, patientOrThrow } from './guard.ts';
import { KINDS, type EntryTable, type KindSpec } from './kinds.ts';
import * as repo from './repo.ts';
import { appointmentsByIds, timelineKeys, type AppointmentRow, type TimelineKey } from './timeline-repo.ts';
import {
  TIMELINE_KINDS,
  type TimelineItem,
  type TimelineKind,
  type TimelineQuery,
} from './timeline-schema.ts';

const CURSOR_AT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z$/;

function cursorOf(cursor: string | undefined) {
  const key = decodeCursor(cursor);
  if (!key) return undefined;
  if (!CURSOR_AT_RE.test(key[0]))
    throw new AppError(400, 'validation.failed', 'Validation failed', {
      detail: 'The cursor is not one this server issued.',
      errors: [{ path: 'query.cursor', message: 'must be a cursor returned by a previous page' }],
    });
  return { at: key[0], id: key[1] };
}

function idsOf(keys: TimelineKey[], kind: TimelineKind): string[] {
  return keys.filter((k) => k.kind === kind).map((k) => k.id);
}

async function rowsOf<K extends EntryKind, T extends EntryTable, C extends object, I>(
  db: Db,
  spec: KindSpec<K, T, C, I>,
  keys: TimelineKey[],
) {
  const ids = idsOf(keys, spec.kind);
  return ids.length > 0 ? repo.rowsWhere(db, spec.table, repo.byIds(ids)) : [];
}

/** The full items of a page of keys, in the keys' order. */
export const appointmentItemOf = (v: AppointmentRow) => ({
  kind: 'appointment' as const,
  id: v.id,
  patientId: v.patientId,
  occurredAt: v.startsAt.toISOString(),
  status: v.status,
  reason: v.reason,
  doctor: v.doctor,
});

/** The full items of a page of keys, in the keys' order. */
async function itemsOf(db: Db, keys: TimelineKey[]): Promise<TimelineItem[]> {
  const [encounters, diagnoses, prescriptions, labResults, notes, billingLines, visits] = await Promise.all([
    rowsOf(db, KINDS.encounter, keys),
    rowsOf(db, KINDS.diagnosis, keys),
    rowsOf(db, KINDS.prescription, keys),
    rowsOf(db, KINDS.lab_result, keys),
    rowsOf(db, KINDS.note, keys),
    rowsOf(db, KINDS.billing_line, keys),
    idsOf(keys, 'appointment').length > 0 ? appointmentsByIds(db, idsOf(keys, 'appointment')) : [],
  ]);
  const names = await namesFor(db, [
    ...encounters,
    ...diagnoses,
    ...prescriptions,
    ...labResults,
    ...notes,
    ...billingLines,
  ]);
  const items: TimelineItem[] = [
    ...encounters.map((r) => ({ ...dtoOf(KINDS.encounter, r, names), appointmentId: r.appointmentId })),
    ...diagnoses.map((r) => dtoOf(KINDS.diagnosis, r, names)),
    ...prescriptions.map((r) => dtoOf(KINDS.prescription, r, names)),
    ...labResults.map((r) => dtoOf(KINDS.lab_result, r, names)),
    ...notes.map((r) => dtoOf(KINDS.note, r, names)),
    ...billingLines.map((r) => dtoOf(KINDS.billing_line, r, names)),
    ...visits.map(appointmentItemOf),
  ];
  const byId = new Map(items.map((item) => [item.id, item]));
  return keys.flatMap((k) => byId.get(k.id) ?? []);
}

export async function timeline(
  db: Db,
  principal: Principal,
  patientRef: string,
  query: TimelineQuery,
  ctx: AuditContext,
): Promise<Page<TimelineItem>> {
  const patient = await patientOrThrow(db, patientRef);
  await guardRead(db, principal, patient.id, ctx, 'records.timeline');
  const kinds = query.kind ? [...new Set(query.kind.split(',') as TimelineKind[])] : TIMELINE_KINDS;
  const keys = await timelineKeys(db, {
    patientId: patient.id,
    kinds,
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
    after: cursorOf(query.cursor),
    limit: query.limit + 1,
  });
  const pageKeys = keys.slice(0, query.limit);
  const items = await itemsOf(db, pageKeys);
  await recordAudit(db, ctx, {
    action: 'records.timeline',
    patientId: patient.id,
    outcome: 'allowed',
    details: { items: items.length },
  });
  const last = pageKeys.at(-1);
  return { items, nextCursor: keys.length > query.limit && last ? encodeCursor([last.at, last.id]) : null };
}
