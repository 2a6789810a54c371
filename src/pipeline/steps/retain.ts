/**
 * retain: archives platform records past their retention period to Parquet in the object store, verifies
 * the archive, and only then deletes them (src/pipeline/retention). A group that could not be archived and
 * verified keeps all its rows and fails the step (retried with the others).
 */
import { retain as runRetention } from '../retention/index.ts';
import type { StepFn } from '../runner/context.ts';

export const retain: StepFn = async (ctx, io) => {
  const report = await runRetention({ db: ctx.db, store: ctx.store, retention: ctx.retention });
  await io.midway();
  const groups = report.groups.map((g) => ({
    group: g.group,
    status: g.status,
    archives: g.archives,
    rows: g.tables.reduce((sum, t) => sum + t.rows, 0),
  }));
  for (const g of groups) io.log(`${g.group}: ${g.status}, ${String(g.rows)} rows archived and deleted`);
  const failed = report.groups.find((g) => g.status === 'failed');
  if (failed)
    throw new Error(`retention of ${failed.group} failed: ${failed.error?.message ?? 'unknown error'}`);
  return { groups };
};
