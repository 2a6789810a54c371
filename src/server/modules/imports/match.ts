/**
 * Patient matching across sources (docs/decisions/0010-imports.md): a new patient whose folded name, birth
 * date and sex equal those of exactly one existing patient is that patient — the import links its source
 * id to them instead of creating a duplicate. Two or more candidates: no link, listed as ambiguous.
 * Patients whose name or birth date a rule made up are never matched. Pure.
 */
import type { Linked } from './link.ts';
import { matchKey } from './rules.ts';
import type { PatientCandidate } from './repo.ts';

export const MATCH_RULE = 'name+birth_date+sex';

export interface PatientMatch {
  sourceId: string;
  patientId: string;
  patientCode: string;
  by: typeof MATCH_RULE;
}

export interface MatchResult {
  matches: PatientMatch[];
  ambiguous: { sourceId: string; candidates: string[] }[];
}

/** Birth dates of the new patients that may be matched (what to load candidates for). */
export function matchableBirthDates(linked: Linked): string[] {
  const dates = new Set<string>();
  for (const { row } of linked.fresh.patients) if (row.value.identified) dates.add(row.value.birthDate);
  return [...dates];
}

export function matchPatients(linked: Linked, candidates: readonly PatientCandidate[]): MatchResult {
  const byKey = new Map<string, PatientCandidate[]>();
  for (const c of candidates) {
    const key = matchKey(c.name, c.birth_date, c.gender);
    byKey.set(key, [...(byKey.get(key) ?? []), c]);
  }
  const result: MatchResult = { matches: [], ambiguous: [] };
  for (const { row } of linked.fresh.patients) {
    const p = row.value;
    if (!p.identified) continue;
    const found = byKey.get(matchKey(p.name, p.birthDate, p.gender)) ?? [];
    if (found.length === 1)
      result.matches.push({
        sourceId: row.sourceId,
        patientId: found[0]!.id,
        patientCode: found[0]!.code,
        by: MATCH_RULE,
      });
    else if (found.length > 1)
      result.ambiguous.push({ sourceId: row.sourceId, candidates: found.map((c) => c.code) });
  }
  return result;
}

/** Matched patients are not created: their source ids now point at the existing patients. */
export function applyMatches(linked: Linked, result: MatchResult): void {
  const matched = new Map(result.matches.map((m) => [m.sourceId, m.patientId]));
  if (matched.size === 0) return;
  const ids = linked.ids.get('patient')!;
  for (const [sourceId, patientId] of matched) ids.set(sourceId, patientId);
  linked.fresh.patients = linked.fresh.patients.filter(({ row }) => !matched.has(row.sourceId));
}
