/**
 * Amendments: a correction never overwrites. The current version goes to `record_revisions` (who wrote
 * it, when, why), then the entry changes and its version goes up, in one transaction; the database
 * refuses any other kind of change (migration 0006). History lists every version with what changed.
 */
import { conflict, notFound } from '../../../core/errors.ts';
import type { Db, Tx } from '../../db/client.ts';
import type { EntryKind } from '../../db/schema/index.ts';
import type { Principal } from '../../http/access.ts';
import { recordAudit, type AuditContext } from '../audit/index.ts';
import { describeCodes, normalizeIcd10Code } from '../icd10/index.ts';
import { namesFor } from './dto.ts';
import { guardRead, guardWrite, patientOrThrow, unprocessable } from './guard.ts';
import type { EntryTable, KindSpec } from './kinds.ts';
import * as repo from './repo.ts';
import { changedFields, type RuleContext } from './rules.ts';

export interface AmendBody<I> {
  version: number;
  reason: string;
  changes: Partial<I>;
}

type Present<T extends EntryTable, R> = (row: T['$inferSelect'], names: ReadonlyMap<string, string>) => R;

/** The new version's input: the current content with the changes on top. A new diagnosis code without
 * new text takes the new code's official text rather than keeping the old code's. */
function merge<I>(kind: EntryKind, before: object, changes: Partial<I>): I {
  const base = { ...before } as Record<string, unknown>;
  if (kind === 'diagnosis' && 'code' in changes && !('text' in changes)) delete base.text;
  return { ...base, ...changes } as I;
}

/** Official texts of the diagnosis codes involved (the current one and a new one), looked up before the transaction. */
async function icdFor(db: Db, ...contents: object[]): Promise<Map<string, string>> {
  const codes = contents.flatMap((c) => {
    const code = (c as { code?: unknown }).code;
    return (typeof code === 'string' && normalizeIcd10Code(code)) || [];
  });
  return codes.length > 0 ? describeCodes(db, codes) : new Map();
}

type Row<T extends EntryTable> = T['$inferSelect'];

/** The new content, checked; 409 on a stale version, 422 when it breaks a rule or changes nothing. */
function nextContent<K extends EntryKind, T extends EntryTable, C extends object, I>(
  spec: KindSpec<K, T, C, I>,
  row: Row<T>,
  body: AmendBody<I>,
  rules: RuleContext,
): { before: C; after: C; fields: string[] } {
  if (row.version !== body.version)
    throw conflict(
      'record.version_conflict',
      `This ${spec.label} is at version ${String(row.version)}: amend that one.`,
    );
  const before = spec.content(row);
  const checked = spec.check(merge(spec.kind, before, body.changes), 'body.changes', {
    ...rules,
    encounterAt: row.occurredAt.toISOString(),
  });
  if (!checked.ok) throw unprocessable(checked.violations);
  const fields = changedFields(before, checked.value);
  if (fields.length === 0)
    throw unprocessable([{ code: 'record.no_change', path: 'body.changes', message: 'changes nothing' }]);
  return { before, after: checked.value, fields };
}

/** The current version, as it is, with who wrote it, when and why, goes to the history first. */
function keepRevision<T extends EntryTable>(tx: Tx, kind: EntryKind, row: Row<T>, content: object) {
  return repo.insertRevision(tx, {
    entryKind: kind,
    entryId: row.id,
    patientId: row.patientId,
    version: row.version,
    data: content as Record<string, unknown>,
    doctorId: row.amendedByDoctorId ?? row.doctorId,
    writtenAt: row.amendedAt ?? row.createdAt,
    reason: row.amendmentReason,
  });
}

export async function amend<K extends EntryKind, T extends EntryTable, C extends object, I, R>(
  db: Db,
  spec: KindSpec<K, T, C, I>,
  present: Present<T, R>,
  principal: Principal,
  id: string,
  body: AmendBody<I>,
  ctx: AuditContext,
): Promise<R> {
  const found = await repo.findRow(db, spec.table, id);
  if (!found) throw notFound('record.not_found', `No ${spec.label} has this id.`);
  const patient = await patientOrThrow(db, found.patientId);
  const doctorId = await guardWrite(db, principal, patient, ctx, 'records.amend');
  const now = new Date();
  const rules = {
    now,
    birthDate: patient.birthDate,
    icd: await icdFor(db, spec.content(found), body.changes),
  };
  return db.transaction(async (tx) => {
    const row = (await repo.lockRow(tx, spec.table, id))!;
    const { before, after, fields } = nextContent(spec, row, body, rules);
    await keepRevision(tx, spec.kind, row, before);
    const next = {
      version: row.version + 1,
      amendedAt: now,
      amendedByDoctorId: doctorId,
      amendmentReason: body.reason,
    };
    const updated = await repo.updateRow(tx, spec.table, id, { ...spec.columns(after), ...next });
    if (spec.kind === 'encounter' && fields.includes('occurredAt'))
      await repo.moveEncounterEntries(tx, id, row.occurredAt, updated.occurredAt);
    await recordAudit(tx, ctx, {
      action: 'records.amend',
      patientId: row.patientId,
      outcome: 'allowed',
      details: { kind: spec.kind, entryId: id, version: next.version, fields: fields.join(',') },
    });
    return present(updated, await namesFor(tx, [updated]));
  });
}

/** Every version, oldest first: the revisions, then the current row. */
function versionsOf<K extends EntryKind, T extends EntryTable, C extends object, I>(
  spec: KindSpec<K, T, C, I>,
  row: Row<T>,
  revisions: Awaited<ReturnType<typeof repo.revisionsOf>>,
) {
  return [
    ...revisions.map((r) => ({ ...r, content: r.data as C })),
    {
      version: row.version,
      content: spec.content(row),
      doctorId: row.amendedByDoctorId ?? row.doctorId,
      writtenAt: row.amendedAt ?? row.createdAt,
      reason: row.amendmentReason,
    },
  ];
}

export async function history<K extends EntryKind, T extends EntryTable, C extends object, I>(
  db: Db,
  spec: KindSpec<K, T, C, I>,
  principal: Principal,
  id: string,
  ctx: AuditContext,
) {
  const row = await repo.findRow(db, spec.table, id);
  if (!row) throw notFound('record.not_found', `No ${spec.label} has this id.`);
  await guardRead(db, principal, row.patientId, ctx, 'records.history');
  const versions = versionsOf(spec, row, await repo.revisionsOf(db, id));
  const names = await repo.doctorNames(
    db,
    versions.map((v) => v.doctorId),
  );
  await recordAudit(db, ctx, {
    action: 'records.history',
    patientId: row.patientId,
    outcome: 'allowed',
    details: { kind: spec.kind, entryId: id },
  });
  return {
    kind: spec.kind,
    id,
    versions: versions.map((v, i) => ({
      version: v.version,
      content: v.content,
      writtenBy: { id: v.doctorId, name: names.get(v.doctorId) ?? '' },
      writtenAt: v.writtenAt.toISOString(),
      reason: v.reason,
      changed: i === 0 ? [] : changedFields(versions[i - 1]!.content, v.content),
    })),
  };
}
