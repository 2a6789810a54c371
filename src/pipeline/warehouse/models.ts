/**
 * The SQL models in src/pipeline/models: `stg_<name>.sql` become tables `staging.<name>`, `int_<name>.sql`
 * tables `intermediate.<name>` (shared building blocks: pre-joined facts with first-occurrence flags),
 * `mart_<name>.sql` tables `marts.<name>`. Each file is one SELECT; its dependencies are the `staging.x` /
 * `intermediate.x` / `marts.x` names it mentions, and the models run in that dependency order (a cycle or an
 * unknown reference is an error).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const MODELS_DIR = join(import.meta.dirname, '..', 'models');

export type Layer = 'staging' | 'intermediate' | 'marts';

/** The layers in the order the transform builds them; a model may read its own layer and earlier ones. */
export const LAYERS: readonly Layer[] = ['staging', 'intermediate', 'marts'];
const PREFIX: Record<string, Layer> = { stg: 'staging', int: 'intermediate', mart: 'marts' };

export interface Model {
  /** `staging.appointments`, `intermediate.appointments`, `marts.monthly_aggregates`. */
  readonly id: string;
  readonly layer: Layer;
  readonly name: string;
  readonly sql: string;
  readonly dependsOn: readonly string[];
}

const FILE = /^(stg|int|mart)_([a-z0-9_]+)\.sql$/;
const REFERENCE = /\b(staging|intermediate|marts)\.([a-z0-9_]+)\b/g;

export function readModels(dir: string = MODELS_DIR): Model[] {
  const models: Model[] = [];
  for (const file of readdirSync(dir).sort()) {
    const match = FILE.exec(file);
    if (!match) continue;
    const layer = PREFIX[match[1]!]!;
    const sql = readFileSync(join(dir, file), 'utf8')
      .replace(/^\s*--.*$/gm, '')
      .trim();
    const id = `${layer}.${match[2]!}`;
    const refs = new Set([...sql.matchAll(REFERENCE)].map((m) => `${m[1]!}.${m[2]!}`));
    refs.delete(id);
    models.push({ id, layer, name: match[2]!, sql, dependsOn: [...refs].sort() });
  }
  return dependencyOrder(models);
}

/** Topological order (Kahn), ties by name so the order is stable. */
export function dependencyOrder(models: readonly Model[]): Model[] {
  const byId = new Map(models.map((m) => [m.id, m]));
  for (const m of models) {
    const unknown = m.dependsOn.find((d) => !byId.has(d));
    if (unknown) throw new Error(`model ${m.id} refers to ${unknown}, which no model defines`);
    const later = m.dependsOn.find((d) => LAYERS.indexOf(byId.get(d)!.layer) > LAYERS.indexOf(m.layer));
    if (later) throw new Error(`model ${m.id} may not read ${later}, a later layer`);
  }
  const done = new Set<string>();
  const order: Model[] = [];
  while (order.length < models.length) {
    const ready = models.filter((m) => !done.has(m.id) && m.dependsOn.every((d) => done.has(d)));
    if (ready.length === 0) {
      const stuck = models.filter((m) => !done.has(m.id)).map((m) => m.id);
      throw new Error(`models depend on each other in a cycle: ${stuck.join(', ')}`);
    }
    for (const m of ready) {
      done.add(m.id);
      order.push(m);
    }
  }
  return order;
}
