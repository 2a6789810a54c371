/**
 * Clinics and doctors: where the clinics stand in Vitória, how many doctors each has (8–15 by default), which
 * specialties they practise (in proportion to what the patients will need, so no specialty is swamped) and
 * their weekly hours. A few thousand rows at most, built up front. Pure.
 */
import { DEMO_TIMEZONE, NEIGHBOURHOODS, STREETS } from '../../server/demo/catalog.ts';
import type { Random } from '../../server/demo/random.ts';
import { PATTERNS, formatAvailability, weeklySlots, withSaturday, type WeeklyHours } from './availability.ts';
import { personName, mobilePhone, landline, emailFor } from './people.ts';
import { SPECIALTIES, GENERAL_PRACTICE_INDEX } from './specialties.ts';
import { createPicker, pick } from './weighted.ts';

export interface Clinic {
  readonly id: number;
  readonly name: string;
  readonly neighbourhood: number;
  readonly address: string;
  readonly latitude: number;
  readonly longitude: number;
  readonly timeZone: string;
  readonly emergencyPhone: string;
  readonly closedOnWeekends: boolean;
  /** Percent applied to every price at this clinic (90–130). */
  readonly pricePercent: number;
}

export interface Doctor {
  readonly id: number;
  readonly clinic: number;
  readonly name: string;
  readonly specialty: number;
  readonly slotMinutes: number;
  readonly hours: WeeklyHours;
  readonly availability: string;
  readonly email: string;
  readonly phone: string;
}

const CLINIC_KINDS = ['Clínica', 'Unidade de Saúde', 'Centro Médico', 'Policlínica'];
/** Every fourth clinic (the 2nd, 6th, 10th…) also opens on Saturday mornings. */
export const opensOnSaturdays = (index: number): boolean => index % 4 === 1;

export function buildClinics(random: Random, count: number): Clinic[] {
  const order = shuffled(random, NEIGHBOURHOODS.length);
  const seen = new Map<string, number>();
  return Array.from({ length: count }, (_, i) => {
    const neighbourhood = order[i % order.length] ?? 0;
    const place = NEIGHBOURHOODS[neighbourhood] ?? { name: 'Centro', latitude: -20.32, longitude: -40.34 };
    const base = `${CLINIC_KINDS[Math.floor(i / order.length) % CLINIC_KINDS.length] ?? 'Clínica'} ${place.name}`;
    const repeat = (seen.get(base) ?? 0) + 1;
    seen.set(base, repeat);
    return {
      id: i + 1,
      name: repeat > 1 ? `${base} ${repeat}` : base,
      neighbourhood,
      address: `${random.pick(STREETS)}, ${random.int(10, 2500)} — ${place.name}, Vitória - ES`,
      latitude: jitter(random, place.latitude, 0.003),
      longitude: jitter(random, place.longitude, 0.003),
      timeZone: DEMO_TIMEZONE,
      emergencyPhone: landline(random),
      closedOnWeekends: !opensOnSaturdays(i),
      pricePercent: 90 + 5 * random.int(0, 8),
    };
  });
}

/** Doctors per clinic: at least min(8, D/C) each, the rest spread at random up to 15 (or D/C) each. */
export function clinicSizes(random: Random, doctors: number, clinics: number): number[] {
  const floor = Math.min(8, Math.floor(doctors / clinics));
  const ceiling = Math.max(15, Math.ceil(doctors / clinics));
  const sizes = Array.from({ length: clinics }, () => floor);
  for (let extra = doctors - floor * clinics; extra > 0; extra--) {
    let clinic = random.int(0, clinics - 1);
    while ((sizes[clinic] ?? 0) >= ceiling) clinic = (clinic + 1) % clinics;
    sizes[clinic] = (sizes[clinic] ?? 0) + 1;
  }
  return sizes;
}

/**
 * How many doctors of each specialty: proportional to expected visits × consultation length (a longer slot
 * means fewer patients per doctor), by largest remainder, with at least one general practitioner per clinic.
 */
export function specialtyCounts(demandShares: readonly number[], doctors: number, clinics: number): number[] {
  const need = SPECIALTIES.map((s, i) => (demandShares[i] ?? 0) * s.slotMinutes);
  const total = need.reduce((a, b) => a + b, 0);
  const exact = need.map((n) => (n / total) * doctors);
  const counts = exact.map(Math.floor);
  const byRemainder = exact
    .map((e, i) => [e - Math.floor(e), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let left = doctors - counts.reduce((a, b) => a + b, 0), k = 0; left > 0; left--, k++) {
    const index = byRemainder[k % byRemainder.length]?.[1] ?? 0;
    counts[index] = (counts[index] ?? 0) + 1;
  }
  while ((counts[GENERAL_PRACTICE_INDEX] ?? 0) < clinics) {
    const donor = mostOverServed(counts, exact);
    counts[donor] = (counts[donor] ?? 0) - 1;
    counts[GENERAL_PRACTICE_INDEX] = (counts[GENERAL_PRACTICE_INDEX] ?? 0) + 1;
  }
  return counts;
}

function mostOverServed(counts: readonly number[], exact: readonly number[]): number {
  let best = -1;
  let bestRatio = -Infinity;
  counts.forEach((count, i) => {
    const ratio = count / Math.max(exact[i] ?? 0, 1e-9);
    if (i !== GENERAL_PRACTICE_INDEX && count > 0 && ratio > bestRatio) [best, bestRatio] = [i, ratio];
  });
  return best;
}

/**
 * Specialty of every doctor seat, clinic by clinic: one general practitioner each first, then the others
 * interleaved (each specialty's doctors spread evenly through the list) and dealt round the clinics.
 */
export function seatSpecialties(counts: readonly number[], sizes: readonly number[]): number[][] {
  const seats = sizes.map((size) => (size > 0 ? [GENERAL_PRACTICE_INDEX] : []));
  const rest: { position: number; specialty: number }[] = [];
  counts.forEach((count, specialty) => {
    const n = specialty === GENERAL_PRACTICE_INDEX ? count - sizes.length : count;
    for (let j = 0; j < n; j++) rest.push({ position: (j + 0.5) / n, specialty });
  });
  rest.sort((a, b) => a.position - b.position || a.specialty - b.specialty);
  let clinic = 0;
  for (const { specialty } of rest) {
    while ((seats[clinic]?.length ?? 0) >= (sizes[clinic] ?? 0)) clinic = (clinic + 1) % sizes.length;
    seats[clinic]?.push(specialty);
    clinic = (clinic + 1) % sizes.length;
  }
  return seats;
}

const patternPicker = createPicker(PATTERNS.map((p) => p.weight));

export function buildDoctors(
  random: Random,
  clinics: readonly Clinic[],
  seats: readonly number[][],
): Doctor[] {
  const doctors: Doctor[] = [];
  clinics.forEach((clinic, c) => {
    for (const specialty of seats[c] ?? []) {
      const sex = random.chance(0.55) ? 'F' : 'M';
      const name = `${sex === 'F' ? 'Dra.' : 'Dr.'} ${personName(random, sex)}`;
      const base = PATTERNS[pick(patternPicker, random.next())]?.hours ?? [];
      const hours = !clinic.closedOnWeekends && random.chance(0.5) ? withSaturday(base) : base;
      const id = doctors.length + 1;
      doctors.push({
        id,
        clinic: c,
        name,
        specialty,
        slotMinutes: SPECIALTIES[specialty]?.slotMinutes ?? 30,
        hours,
        availability: formatAvailability(hours),
        email: emailFor(name, `d${id}`),
        phone: mobilePhone(random),
      });
    }
  });
  return doctors;
}

export const doctorWeeklySlots = (d: Doctor): number => weeklySlots(d.hours, d.slotMinutes);

function shuffled(random: Random, n: number): number[] {
  const items = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = random.int(0, i);
    [items[i], items[j]] = [items[j] ?? 0, items[i] ?? 0];
  }
  return items;
}

const jitter = (random: Random, degrees: number, spread: number): number =>
  Math.round((degrees + (random.next() - 0.5) * 2 * spread) * 1e5) / 1e5;
