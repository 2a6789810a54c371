/** Test support: a content fingerprint of the warehouse (raw partitions and published marts), row order ignored. */
import { existsSync } from 'node:fs';
import { ident, openDuck, rows } from '../warehouse/duck.ts';

export async function warehouseFingerprint(path: string): Promise<Record<string, string>> {
  if (!existsSync(path)) return {};
  const duck = await openDuck(path);
  try {
    const tables = await rows(
      duck.connection,
      "SELECT schema_name, table_name FROM duckdb_tables() WHERE schema_name IN ('raw', 'marts') ORDER BY ALL",
    );
    const out: Record<string, string> = {};
    for (const t of tables) {
      const name = `${ident(String(t.schema_name))}.${ident(String(t.table_name))}`;
      const [row] = await rows(
        duck.connection,
        `SELECT count(*) AS n, md5(coalesce(string_agg(CAST(x AS VARCHAR), '|' ORDER BY CAST(x AS VARCHAR)), '')) AS h FROM ${name} AS x`,
      );
      out[`${String(t.schema_name)}.${String(t.table_name)}`] = `${String(row?.n)}:${String(row?.h)}`;
    }
    return out;
  } finally {
    duck.close();
  }
}
