/**
 * stage: each entity to the object store as `raw/<entity>/date=<D>/<entity>.parquet` (typed, zstd) and
 * `.csv`, then the manifest `raw/_manifests/date=<D>/manifest.json` with row counts and SHA-256 checksums.
 * The manifest is written last: a load trusts only files a complete manifest names.
 */
import type { FileName } from '../generate/columns.ts';
import { convertToParquet } from '../io/parquet.ts';
import type { StepFn } from '../runner/context.ts';
import { ENTITIES } from '../warehouse/raw.ts';

export interface ManifestFile {
  readonly key: string;
  readonly bytes: number;
  readonly sha256: string;
}

export interface Manifest {
  readonly date: string;
  readonly runId: string;
  readonly source: string;
  readonly entities: Record<FileName, { rows: number; parquet: ManifestFile; csv: ManifestFile }>;
}

export const rawKey = (entity: string, date: string, ext: 'parquet' | 'csv') =>
  `raw/${entity}/date=${date}/${entity}.${ext}`;
export const manifestKey = (date: string) => `raw/_manifests/date=${date}/manifest.json`;

interface Extracted {
  dir: string;
  files: Record<FileName, { path: string; rows: number; bytes: number }>;
}

export const stage: StepFn = async (ctx, io) => {
  const extracted = io.outputs.extract as unknown as Extracted;
  const csv = ENTITIES.map((name) => ({ name, ...extracted.files[name] }));
  const parquet = await convertToParquet(csv, extracted.dir);
  const entities = {} as Manifest['entities'];
  for (const [i, file] of parquet.entries()) {
    const name = file.name;
    const p = await ctx.store.putFile(rawKey(name, io.date, 'parquet'), file.path);
    const c = await ctx.store.putFile(rawKey(name, io.date, 'csv'), extracted.files[name].path);
    entities[name] = { rows: extracted.files[name].rows, parquet: strip(p), csv: strip(c) };
    if (i === 1) await io.midway();
  }
  const manifest: Manifest = { date: io.date, runId: io.runId, source: io.source, entities };
  await ctx.store.put(manifestKey(io.date), new TextEncoder().encode(JSON.stringify(manifest, null, 2)));
  io.log(`staged ${String(ENTITIES.length)} entities to ${ctx.store.location}`);
  return {
    manifest: manifestKey(io.date),
    rows: Object.fromEntries(ENTITIES.map((e) => [e, entities[e].rows])),
  };
};

const strip = (r: ManifestFile): ManifestFile => ({ key: r.key, bytes: r.bytes, sha256: r.sha256 });
