/**
 * Discovery: symptoms → specialties → doctors ranked by fit, distance, rating and the soonest free slot.
 * Per database it keeps the classifier (trained on the history, for an hour) and a snapshot of the
 * directory with every doctor's rating summary and next free slot, refreshed in the background once it is
 * a minute old (the old one serves meanwhile; slots are computed in chunks so requests get in between).
 * A query is then in-memory work only: text analysis and one pass over the directory.
 */
import { validationFailed } from '../../../core/errors.ts';
import type { Db } from '../../db/client.ts';
import { localIso, soonestSlots } from '../appointments/index.ts';
import { ratingSummaries, type RatingSummary } from '../ratings/index.ts';
import { train, type Classifier } from './classifier.ts';
import * as repo from './repo.ts';
import { byScore, candidates, finalScore, understand, type DirectoryDoctor, type Ranked } from './rules.ts';
import type { DiscoverAnswer, DiscoverQuery } from './schema.ts';
import { EMERGENCY, MAP_VERSION } from './symptoms.ts';

const MODEL_TTL_MS = 3_600_000;
const SNAPSHOT_TTL_MS = 60_000;
const SLOT_CHUNK = 250;

type Slot = { start: number; end: number; timezone: string } | null;
interface Snapshot {
  at: number;
  byId: Map<string, repo.DirectoryRow>;
  doctors: DirectoryDoctor[];
  ratings: Map<string, RatingSummary>;
  slots: Map<string, Slot>;
}
interface State {
  model?: { at: number; classifier: Classifier | undefined };
  current?: Snapshot;
  loading?: Promise<Snapshot>;
}

const states = new WeakMap<Db, State>();
const stateOf = (db: Db): State => {
  let s = states.get(db);
  if (!s) states.set(db, (s = {}));
  return s;
};

/** The classifier trained on this database's history (retrained hourly); undefined if too little history. */
export async function classifierFor(db: Db, now = Date.now()): Promise<Classifier | undefined> {
  const s = stateOf(db);
  if (!s.model || now - s.model.at > MODEL_TTL_MS) {
    s.model = { at: now, classifier: train(await repo.history(db)) };
  }
  return s.model.classifier;
}

async function buildSnapshot(db: Db, now: number): Promise<Snapshot> {
  const rows = await repo.directory(db);
  const ids = rows.map((r) => r.id);
  const ratings = await ratingSummaries(db, ids);
  const slots = new Map<string, Slot>();
  for (let i = 0; i < ids.length; i += SLOT_CHUNK) {
    const chunk = ids.slice(i, i + SLOT_CHUNK);
    const found = await soonestSlots(db, chunk, now);
    for (const id of chunk) slots.set(id, found.get(id) ?? null);
    await new Promise((resolve) => setImmediate(resolve));
  }
  const doctors = rows.map((r) => ({
    id: r.id,
    code: r.code,
    specialty: r.specialty,
    lat: r.clinic.latitude,
    lon: r.clinic.longitude,
    rating: ratings.get(r.id)?.score ?? 3,
  }));
  return { at: now, byId: new Map(rows.map((r) => [r.id, r])), doctors, ratings, slots };
}

/** The current snapshot; a stale one is refreshed in the background while it still answers. */
async function snapshotFor(db: Db, now: number): Promise<Snapshot> {
  const s = stateOf(db);
  const load = () =>
    (s.loading ??= buildSnapshot(db, now)
      .then((snap) => (s.current = snap))
      .finally(() => (s.loading = undefined)));
  if (!s.current) return load();
  if (now - s.current.at > SNAPSHOT_TTL_MS && !s.loading) load().catch(() => undefined);
  return s.current;
}

/** Forgets the snapshot and the classifier (after the directory changes in a test or an import). */
export function forgetCaches(db: Db): void {
  states.delete(db);
}

const LAT_LON = /^\s*(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$/;

async function originOf(db: Db, near: string | undefined) {
  if (near === undefined) return undefined;
  const m = LAT_LON.exec(near);
  if (m) {
    const [lat, lon] = [Number(m[1]), Number(m[2])];
    if (Math.abs(lat) > 90 || Math.abs(lon) > 180) {
      throw validationFailed([
        { path: 'query.near', message: 'latitude must be within ±90 and longitude ±180' },
      ]);
    }
    return { lat, lon, area: null };
  }
  const centre = await repo.areaCentre(db, near);
  if (!centre) {
    throw validationFailed([
      {
        path: 'query.near',
        message: 'is neither `lat,lon` nor a neighbourhood with known clinics or residents',
      },
    ]);
  }
  return { ...centre, area: near };
}

/** One ranked doctor as the answer shows it: who, where, how far, how rated, when free, and the score. */
function toResult(dir: Snapshot, r: Ranked): DiscoverAnswer['doctors'][number] {
  const row = dir.byId.get(r.doctorId)!;
  const rating = dir.ratings.get(r.doctorId) ?? { score: 3, count: 0, average: null };
  const slot = dir.slots.get(r.doctorId) ?? null;
  const { id, code, name, neighbourhood } = row.clinic;
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    specialty: row.specialty,
    clinic: { id, code, name, neighbourhood },
    distanceKm: r.distanceKm === null ? null : Math.round(r.distanceKm * 100) / 100,
    rating: { score: rating.score, count: rating.count, average: rating.average },
    nextSlot: slot
      ? { start: localIso(slot.start, slot.timezone), end: localIso(slot.end, slot.timezone) }
      : null,
    score: Math.round(r.score * 1000) / 1000,
  };
}

export async function discover(db: Db, q: DiscoverQuery, now = Date.now()): Promise<DiscoverAnswer> {
  const [classifier, dir, origin] = await Promise.all([
    classifierFor(db, now),
    snapshotFor(db, now),
    originOf(db, q.near),
  ]);
  const u = understand(q.symptoms, classifier);
  const top = candidates(dir.doctors, u.suggestions, origin, q.radius_km)
    .map((c) => finalScore(c, dir.slots.get(c.doctorId)?.start, now))
    .sort(byScore)
    .slice(0, q.limit);
  return {
    urgent: u.redFlags.length > 0 ? { ...EMERGENCY, reasons: u.redFlags } : null,
    specialties: u.suggestions,
    unrecognised: u.unrecognised,
    origin: origin ?? null,
    radiusKm: origin ? q.radius_km : null,
    mapVersion: MAP_VERSION,
    doctors: top.map((r) => toResult(dir, r)),
  };
}
