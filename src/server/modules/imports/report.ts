/** The import report (what the CLI prints and `import_runs.report` keeps) and the reject file. Pure. */
import { csvText } from '../../../pipeline/generate/csv.ts';
import { RULES, type RuleAction, type RuleId } from './catalogue.ts';
import type { Linked, SetKey } from './link.ts';
import type { MatchResult, PatientMatch } from './match.ts';
import type { ImportSet } from './model.ts';
import type { Issue } from './rules.ts';

export interface ImportReport {
  ok: boolean;
  runId: string | null;
  format: string;
  source: string;
  files: { file: string; rows: number }[];
  created: Record<SetKey, number>;
  alreadyImported: Record<SetKey, number>;
  rules: { rule: string; action: RuleAction; rows: number; text: string }[];
  rejectedRows: number;
  issues: Issue[];
  matches: PatientMatch[];
  ambiguous: MatchResult['ambiguous'];
  seconds: number;
}

/** Rows (file and line) with at least one issue. */
export function rejectedRowCount(issues: readonly Issue[]): number {
  return new Set(issues.map((i) => `${i.file}:${i.line}`)).size;
}

export function ruleCounts(set: ImportSet): ImportReport['rules'] {
  return [...set.repairs]
    .map(([rule, rows]) => ({ rule, rows, ...RULES[rule as RuleId] }))
    .sort((a, b) => a.rule.localeCompare(b.rule));
}

export function createdCounts(linked: Linked): Record<SetKey, number> {
  return Object.fromEntries(Object.entries(linked.fresh).map(([key, rows]) => [key, rows.length])) as Record<
    SetKey,
    number
  >;
}

/** The reject file: one line per problem, with the row as it was in its file. */
export function rejectFileText(issues: readonly Issue[]): string {
  const lines = ['file,line,column,reason,row'];
  for (const i of issues)
    lines.push([i.file, String(i.line), i.column, i.reason, i.raw ?? ''].map(csvText).join(','));
  return lines.join('\n') + '\n';
}

/** A human summary, one fact per line. */
export function formatReport(r: ImportReport): string {
  const count = (rec: Record<string, number>) =>
    Object.entries(rec)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${n.toLocaleString('en')} ${k}`)
      .join(', ') || 'nothing';
  const out = [
    `Import ${r.format} (source "${r.source}"): ${r.ok ? 'done' : 'refused, nothing imported'} in ${r.seconds.toFixed(1)} s`,
    `  files: ${r.files.map((f) => `${f.file} (${f.rows.toLocaleString('en')} rows)`).join(', ')}`,
    `  ${r.ok ? 'created' : 'would have created'}: ${count(r.created)}`,
    `  already imported (unchanged): ${count(r.alreadyImported)}`,
    `  rejected rows: ${r.rejectedRows}`,
  ];
  for (const rule of r.rules) out.push(`  ${rule.action} ${rule.rows} × ${rule.rule}: ${rule.text}`);
  for (const m of r.matches) out.push(`  matched patient ${m.sourceId} → ${m.patientCode} (${m.by})`);
  for (const a of r.ambiguous)
    out.push(`  not matched, several candidates: ${a.sourceId} → ${a.candidates.join(', ')}`);
  for (const i of r.issues.slice(0, 20)) out.push(`  ${i.file} line ${i.line} ${i.column}: ${i.reason}`);
  if (r.issues.length > 20) out.push(`  … ${r.issues.length - 20} more problems`);
  return out.join('\n') + '\n';
}
