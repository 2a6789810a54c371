/**
 * transform: staging views, marts built and tested, published together; then the Parquet snapshots, also
 * mirrored to the object store (`marts/<name>/date=<D>/`, with a manifest) so they can be restored from it.
 */
import type { StepFn } from '../runner/context.ts';
import { mirrorSnapshot } from '../warehouse/mirror.ts';
import { publishSnapshots } from '../warehouse/snapshots.ts';
import { transform as runModels } from '../warehouse/transform.ts';

export const transform: StepFn = async (ctx, io) => {
  const duck = await io.warehouse();
  const result = await runModels(duck.connection, io.date, io.runId, undefined, io.midway);
  const pointer = await publishSnapshots(duck.connection, ctx.settings.snapshotDir, io.runId, io.date);
  const mirrored = await mirrorSnapshot(ctx.store, ctx.settings.snapshotDir, pointer, result.marts);
  io.log(
    `published ${String(Object.keys(result.marts).length)} marts after ${String(result.tests)} data tests passed`,
  );
  return {
    marts: result.marts,
    tests: result.tests,
    snapshot: pointer.runId,
    mirror: Object.keys(mirrored.marts).length,
  };
};
