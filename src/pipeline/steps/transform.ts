/** transform: staging views, marts built and tested, published together; then the Parquet snapshots. */
import type { StepFn } from '../runner/context.ts';
import { publishSnapshots } from '../warehouse/snapshots.ts';
import { transform as runModels } from '../warehouse/transform.ts';

export const transform: StepFn = async (ctx, io) => {
  const duck = await io.warehouse();
  const result = await runModels(duck.connection, io.date, io.runId, undefined, io.midway);
  const pointer = await publishSnapshots(duck.connection, ctx.settings.snapshotDir, io.runId, io.date);
  io.log(
    `published ${String(Object.keys(result.marts).length)} marts after ${String(result.tests)} data tests passed`,
  );
  return { marts: result.marts, tests: result.tests, snapshot: pointer.runId };
};
