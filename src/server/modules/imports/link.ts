/**
 * Resolves a parsed import set against what earlier imports of the same source left (their source-id
 * mappings): rows already imported are skipped (idempotent re-import), duplicate ids and references to
 * rows that are neither in these files nor imported before become issues, and a row whose reference was
 * rejected is rejected too. Pure: the caller loads the mappings and assigns new ids.
 */
import type { ImportEntity } from '../../db/schema/index.ts';
import { ENTITY_OF, type ImportSet, type Staged } from './model.ts';
import type { Issue } from './rules.ts';

export type SetKey = keyof typeof ENTITY_OF;
export const SET_KEYS = Object.keys(ENTITY_OF) as SetKey[];

/** Source id → HealthSync id, per entity (from earlier runs, then this run's new rows). */
export type IdMap = Map<ImportEntity, Map<string, string>>;

export interface Linked {
  /** New rows only, in dependency order, each with its new id. */
  fresh: { [K in SetKey]: { id: string; row: ImportSet[K][number] }[] };
  skipped: Record<SetKey, number>;
  issues: Issue[];
  ids: IdMap;
}

type Ref = [entity: ImportEntity, sourceId: string | null, column: string];

/** The references a staged row makes, with the column that names them. */
function refsOf(key: SetKey, row: Staged<unknown>): Ref[] {
  const v = row.value as Record<string, string | null>;
  switch (key) {
    case 'doctors':
      return [['clinic', v.clinic!, 'ClinicID']];
    case 'appointments':
      return [
        ['patient', v.patient!, 'PatientID'],
        ['doctor', v.doctor!, 'DoctorID'],
        ['clinic', v.clinic!, 'ClinicID'],
      ];
    case 'encounters':
      return [
        ['patient', v.patient!, 'PatientID'],
        ['doctor', v.doctor!, 'DoctorID'],
        ['appointment', v.appointment ?? null, 'AppointmentID'],
      ];
    case 'entries':
      return [['encounter', v.encounter!, 'encounter']];
    default:
      return [];
  }
}

const issueAt = (row: Staged<unknown>, column: string, reason: string): Issue => ({
  file: row.origin.file,
  line: row.origin.line,
  column,
  reason,
  raw: row.origin.raw,
});

export function link(set: ImportSet, earlier: IdMap, newId: () => string): Linked {
  const ids: IdMap = new Map(SET_KEYS.map((k) => [ENTITY_OF[k], new Map(earlier.get(ENTITY_OF[k]) ?? [])]));
  const issues: Issue[] = [...set.issues];
  const fresh = Object.fromEntries(SET_KEYS.map((k) => [k, []])) as unknown as Linked['fresh'];
  const skipped = Object.fromEntries(SET_KEYS.map((k) => [k, 0])) as Record<SetKey, number>;
  for (const key of SET_KEYS) {
    const entity = ENTITY_OF[key];
    const known = ids.get(entity)!;
    const seen = new Set<string>();
    for (const row of set[key] as Staged<unknown>[]) {
      if (seen.has(row.sourceId)) {
        issues.push(issueAt(row, '', `${entity} ${row.sourceId} appears twice`));
        continue;
      }
      seen.add(row.sourceId);
      if (earlier.get(entity)?.has(row.sourceId)) {
        skipped[key]++;
        continue;
      }
      const missing = refsOf(key, row).find(([e, id]) => id !== null && !ids.get(e)?.has(id));
      if (missing) {
        issues.push(
          issueAt(
            row,
            missing[2],
            `${missing[0]} ${missing[1]} is not in the files (or was rejected) nor imported before`,
          ),
        );
        continue;
      }
      const id = newId();
      known.set(row.sourceId, id);
      (fresh[key] as { id: string; row: Staged<unknown> }[]).push({ id, row });
    }
  }
  return { fresh, skipped, issues, ids };
}

/** Source ids each entity's rows and references use: what to look up among earlier mappings. */
export function sourceIdsUsed(set: ImportSet): Map<ImportEntity, Set<string>> {
  const used = new Map<ImportEntity, Set<string>>(SET_KEYS.map((k) => [ENTITY_OF[k], new Set()]));
  for (const key of SET_KEYS) {
    for (const row of set[key] as Staged<unknown>[]) {
      used.get(ENTITY_OF[key])!.add(row.sourceId);
      for (const [entity, id] of refsOf(key, row)) if (id !== null) used.get(entity)!.add(id);
    }
  }
  return used;
}
