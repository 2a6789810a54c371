/**
 * load: reads the date's manifest, checks every Parquet file against its checksum, and loads the five
 * entities into the warehouse side by side, each replacing its partition `load_date = D` in one transaction.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { AppError } from '../../core/errors.ts';
import type { StepFn } from '../runner/context.ts';
import { ENTITIES, ensureSchema, loadAll, type Entity } from '../warehouse/raw.ts';
import { manifestKey, type Manifest } from './stage.ts';

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export const load: StepFn = async (ctx, io) => {
  const manifest = JSON.parse(
    new TextDecoder().decode(await ctx.store.get(manifestKey(io.date))),
  ) as Manifest;
  const files = {} as Record<Entity, string>;
  for (const entity of ENTITIES) {
    const entry = manifest.entities[entity];
    const path = await ctx.store.localPath(entry.parquet.key);
    if ((await sha256(path)) !== entry.parquet.sha256) {
      throw new AppError(422, 'pipeline.checksum_mismatch', 'Staged file is damaged', {
        detail: `${entry.parquet.key} does not match the checksum in its manifest.`,
      });
    }
    files[entity] = path;
  }
  const duck = await io.warehouse();
  await ensureSchema(duck.connection);
  const loaded = await loadAll(duck, io.date, files, io.midway);
  for (const entity of ENTITIES) {
    if (loaded[entity] !== manifest.entities[entity].rows)
      throw new Error(
        `${entity}: loaded ${String(loaded[entity])} rows, the manifest says ${String(manifest.entities[entity].rows)}`,
      );
  }
  io.log(`loaded partition ${io.date}: ${ENTITIES.map((e) => `${e} ${String(loaded[e])}`).join(', ')}`);
  return { rows: loaded };
};
