/** Rows → what readers get: the entry's content plus who wrote it and its latest amendment. */
import type { Db, Tx } from '../../db/client.ts';
import type { EntryKind } from '../../db/schema/index.ts';
import type { EntryTable, KindSpec } from './kinds.ts';
import * as repo from './repo.ts';
import type { EntryMeta } from './schema.ts';

type CommonRow = EntryTable['$inferSelect'];

const name = (names: ReadonlyMap<string, string>, id: string) => ({ id, name: names.get(id) ?? '' });

export function metaOf(row: CommonRow, names: ReadonlyMap<string, string>): EntryMeta {
  return {
    id: row.id,
    patientId: row.patientId,
    encounterId: 'encounterId' in row ? row.encounterId : row.id,
    occurredAt: row.occurredAt.toISOString(),
    version: row.version,
    recordedBy: name(names, row.doctorId),
    recordedAt: row.createdAt.toISOString(),
    amended:
      row.amendedAt && row.amendedByDoctorId
        ? {
            at: row.amendedAt.toISOString(),
            by: name(names, row.amendedByDoctorId),
            reason: row.amendmentReason ?? '',
          }
        : null,
  };
}

export function dtoOf<K extends EntryKind, T extends EntryTable, C extends object, I>(
  spec: KindSpec<K, T, C, I>,
  row: T['$inferSelect'],
  names: ReadonlyMap<string, string>,
): { kind: K } & EntryMeta & C {
  return { kind: spec.kind, ...metaOf(row, names), ...spec.content(row) };
}

/** Doctors named by any of the rows (authors and amenders), in one query. */
export function namesFor(db: Db | Tx, rows: readonly CommonRow[]): Promise<Map<string, string>> {
  return repo.doctorNames(
    db,
    rows.flatMap((r) => (r.amendedByDoctorId ? [r.doctorId, r.amendedByDoctorId] : [r.doctorId])),
  );
}
