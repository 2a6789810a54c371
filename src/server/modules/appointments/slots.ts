/** Public slot search: one doctor's free slots, and the soonest free slots across doctors. */
import { inArray, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { notFound, validationFailed } from '../../../core/errors.ts';
import type { Db } from '../../db/client.ts';
import { clinics, doctors } from '../../db/schema/index.ts';
import { findClinic } from '../clinics/index.ts';
import { findDoctorRef } from '../doctors/index.ts';
import * as availabilityRepo from './availability-repo.ts';
import { loadAvailability } from './availability.ts';
import { freeSlots, nextFreeSlots } from './rules.ts';

const DAY = 86_400_000;
const MAX_WINDOW_DAYS = 93;

/** An instant as ISO 8601 in the clinic's zone, with its offset (what people at the clinic read). */
export const localIso = (ms: number, zone: string): string =>
  DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }) ?? new Date(ms).toISOString();

function window(from: string | undefined, to: string | undefined, now: number, defaultDays: number) {
  const start = from ? Date.parse(from) : now;
  const end = to ? Date.parse(to) : start + defaultDays * DAY;
  if (end <= start) throw validationFailed([{ path: 'query.to', message: 'must be after `from`' }]);
  if (end - start > MAX_WINDOW_DAYS * DAY) {
    throw validationFailed([
      { path: 'query.to', message: `must be at most ${String(MAX_WINDOW_DAYS)} days after \`from\`` },
    ]);
  }
  return { start, end };
}

export async function doctorSlots(
  db: Db,
  ref: string,
  q: { from?: string | undefined; to?: string | undefined },
  now: number,
) {
  const doctor = await findDoctorRef(db, ref);
  if (!doctor) throw notFound('doctor.not_found', 'No doctor has this id or code.');
  const { start, end } = window(q.from, q.to, now, 14);
  const [found] = await loadAvailability(db, [doctor.id], start, end);
  const zone = found!.availability.zone;
  const slots = freeSlots(found!.availability, start, end, now, found!.busy);
  return {
    doctorId: doctor.id,
    timezone: zone,
    items: slots.map((s) => ({ start: localIso(s.start, zone), end: localIso(s.end, zone) })),
  };
}

/**
 * Each doctor's soonest free slot in [now, now + days) — what discovery ranks by — or no entry when the
 * doctor has none. Only the days each doctor's walk reads are computed.
 */
export async function soonestSlots(
  db: Db,
  doctorIds: string[],
  now: number,
  days = 14,
): Promise<Map<string, { start: number; end: number; timezone: string }>> {
  const end = now + days * DAY;
  const out = new Map<string, { start: number; end: number; timezone: string }>();
  for (const d of await loadAvailability(db, doctorIds, now, end)) {
    const [first] = nextFreeSlots([d], now, now, 1, end);
    if (first) out.set(d.doctorId, { start: first.start, end: first.end, timezone: d.clinic.timezone });
  }
  return out;
}

export interface SlotSearch {
  specialty?: string | undefined;
  clinic?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
}

export async function searchSlots(db: Db, q: SlotSearch, now: number) {
  let clinicId: string | undefined;
  if (q.clinic) {
    const clinic = await findClinic(db, q.clinic);
    if (!clinic) throw notFound('clinic.not_found', 'No clinic has this id or code.');
    clinicId = clinic.id;
  }
  const { start, end } = window(q.from, q.to, now, 14);
  const ids = (await availabilityRepo.doctorIdsMatching(db, { specialty: q.specialty, clinicId })).map(
    (d) => d.id,
  );
  const all = await loadAvailability(db, ids, start, end);
  const next = nextFreeSlots(all, start, now, q.limit, end);
  const info = await directoryInfo(db, [...new Set(next.map((n) => n.doctorId))]);
  return {
    items: next.map((n) => {
      const d = info.get(n.doctorId)!;
      return { start: localIso(n.start, d.clinic.timezone), end: localIso(n.end, d.clinic.timezone), ...d };
    }),
  };
}

async function directoryInfo(db: Db, doctorIds: string[]) {
  if (doctorIds.length === 0) return new Map<string, never>();
  const rows = await db
    .select({
      doctor: { id: doctors.id, code: doctors.code, name: doctors.name, specialty: doctors.specialty },
      clinic: { id: clinics.id, code: clinics.code, name: clinics.name, timezone: clinics.timezone },
    })
    .from(doctors)
    .innerJoin(clinics, eq(clinics.id, doctors.clinicId))
    .where(inArray(doctors.id, doctorIds));
  return new Map(rows.map((r) => [r.doctor.id, r]));
}
