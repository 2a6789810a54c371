/** Mart rows as CSV (RFC 4180) or as an aligned text table. */
import type { Row } from './duck.ts';

const cell = (value: Row[string]): string => (value === null ? '' : String(value));

export function toCsv(columns: readonly string[], rows: readonly Row[]): string {
  const quote = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  const lines = [columns.map(quote).join(',')];
  for (const row of rows) lines.push(columns.map((c) => quote(cell(row[c] ?? null))).join(','));
  return lines.join('\r\n') + '\r\n';
}

export function toTable(columns: readonly string[], rows: readonly Row[]): string {
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c] ?? null).length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return (
    [
      line([...columns]),
      line(widths.map((w) => '-'.repeat(w))),
      ...rows.map((r) => line(columns.map((c) => cell(r[c] ?? null)))),
    ].join('\n') + '\n'
  );
}
