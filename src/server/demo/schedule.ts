/**
 * Demo appointments: weekdays only, inside opening hours in the clinic's own time zone, on each doctor's slot
 * grid, and never two for one doctor or one patient at the same time (the database's EXCLUDE constraints
 * would refuse them). Pure, like rules.ts.
 */
import { GENERAL_PRACTICE, REASONS_BY_SPECIALTY } from './catalog.ts';
import { weightedPicker } from './random.ts';
import type {
  BuildContext,
  DemoAppointment,
  DemoAppointmentStatus,
  DemoClinic,
  DemoDoctor,
  DemoPatient,
} from './rules.ts';
import { addDays, ageOn, dayOfWeek, localDateTime, zonedTimeToEpoch, type LocalDate } from './zoned.ts';

export const OPENING_MINUTE = 8 * 60;
export const CLOSING_MINUTE = 17 * 60;
export const PAST_DAYS = 60;
/** 28, not 30: every future visit can then have been booked 1–30 days ahead and before `now`. */
export const FUTURE_DAYS = 28;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** Specialists who see adults only; children go to Pediatrics or General Practice. */
const ADULT_ONLY = new Set([
  'Cardiology',
  'Neurology',
  'Psychiatry',
  'Endocrinology',
  'Gastroenterology',
  'Pulmonology',
  'Orthopedics',
]);

interface Input {
  clinics: readonly DemoClinic[];
  doctors: readonly DemoDoctor[];
  patients: readonly DemoPatient[];
  count: number;
}

interface Slot {
  doctor: DemoDoctor;
  patient: DemoPatient;
  startsAt: number;
  endsAt: number;
}

type Ages = ReadonlyMap<string, number>;

export function buildAppointments(ctx: BuildContext, input: Input): DemoAppointment[] {
  const ages: Ages = new Map(input.patients.map((p) => [p.id, ageOn(p.birthDate, ctx.today)]));
  const slots = placeSlots(ctx, input, ages).sort((a, b) => a.startsAt - b.startsAt);
  return slots.map((slot) => describe(ctx, slot, ages));
}

function placeSlots(ctx: BuildContext, input: Input, ages: Ages): Slot[] {
  const { random } = ctx;
  const days = new Map(input.clinics.map((c) => [c.id, { clinic: c, dates: openDays(ctx, c) }]));
  const bookable = input.doctors.flatMap((doctor) => {
    const pickPatient = patientPicker(doctor, input.patients, ages);
    return pickPatient ? [{ doctor, pickPatient }] : [];
  });
  if (bookable.length === 0) return [];
  // General practitioners and paediatricians see more people than the other specialists.
  const pickDoctor = weightedPicker(bookable, ({ doctor }) =>
    doctor.specialty === GENERAL_PRACTICE ? 2 : doctor.specialty === 'Pediatrics' ? 1.5 : 1,
  );
  const doctorBusy = new Set<string>();
  const patientBusy = new Map<string, Array<readonly [number, number]>>();
  const placed: Slot[] = [];
  // Bounded retries: a tiny demo (few patients, many appointments) ends with fewer rather than looping.
  for (let attempt = 0; attempt < input.count * 20 && placed.length < input.count; attempt++) {
    const { doctor, pickPatient } = pickDoctor(random);
    const site = days.get(doctor.clinicId);
    const time = site && proposeTime(ctx, doctor, site.clinic, site.dates);
    // Same-doctor slots sit on one grid per day, so they either coincide or do not overlap at all.
    if (!time || doctorBusy.has(`${doctor.id}@${time.startsAt}`)) continue;
    const patient = pickPatient(random);
    const busy = patientBusy.get(patient.id) ?? [];
    if (busy.some(([s, e]) => s < time.endsAt && time.startsAt < e)) continue;
    doctorBusy.add(`${doctor.id}@${time.startsAt}`);
    patientBusy.set(patient.id, [...busy, [time.startsAt, time.endsAt]]);
    placed.push({ doctor, patient, ...time });
  }
  return placed;
}

/** The clinic's open days from PAST_DAYS before its local today to FUTURE_DAYS after. */
function openDays(ctx: BuildContext, clinic: DemoClinic): LocalDate[] {
  const today = localDateTime(ctx.nowMs, clinic.timezone);
  const dates: LocalDate[] = [];
  for (let offset = -PAST_DAYS; offset <= FUTURE_DAYS; offset++) {
    const date = addDays(today, offset);
    const weekday = dayOfWeek(date);
    if (!clinic.closedOnWeekends || (weekday !== 0 && weekday !== 6)) dates.push(date);
  }
  return dates;
}

function proposeTime(ctx: BuildContext, doctor: DemoDoctor, clinic: DemoClinic, dates: readonly LocalDate[]) {
  const perDay = Math.floor((CLOSING_MINUTE - OPENING_MINUTE) / doctor.slotMinutes);
  if (perDay < 1 || dates.length === 0) return undefined;
  const date = ctx.random.pick(dates);
  const minute = OPENING_MINUTE + ctx.random.int(0, perDay - 1) * doctor.slotMinutes;
  const startsAt = zonedTimeToEpoch(date, minute, clinic.timezone);
  const endsAt = startsAt + doctor.slotMinutes * MINUTE_MS;
  // A visit in progress right now is neither past nor future: leave that slot empty.
  if (startsAt < ctx.nowMs && ctx.nowMs < endsAt) return undefined;
  return { startsAt, endsAt };
}

export function isEligible(specialty: string, patient: DemoPatient, age: number): boolean {
  if (specialty === 'Pediatrics') return age < 18;
  if (specialty === 'Gynecology') return patient.gender === 'F' && age >= 12;
  return !ADULT_ONLY.has(specialty) || age >= 16;
}

/** Chronic and older patients come more often, and to the specialist for their condition most of all. */
function patientPicker(doctor: DemoDoctor, patients: readonly DemoPatient[], ages: Ages) {
  const age = (p: DemoPatient): number => ages.get(p.id) ?? 0;
  const eligible = patients.filter((p) => isEligible(doctor.specialty, p, age(p)));
  if (eligible.length === 0) return undefined;
  return weightedPicker(eligible, (p) => {
    let weight = 1 + (p.hypertension ? 1 : 0) + (p.diabetes ? 1 : 0) + (age(p) >= 60 ? 0.5 : 0);
    if (doctor.specialty === 'Cardiology' && p.hypertension) weight *= 3;
    if (doctor.specialty === 'Endocrinology' && p.diabetes) weight *= 3;
    return weight;
  });
}

function describe(ctx: BuildContext, slot: Slot, ages: Ages): DemoAppointment {
  const { random } = ctx;
  const bookedAt = bookingTime(ctx, slot.startsAt);
  const leadDays = (slot.startsAt - bookedAt) / DAY_MS;
  const reasons = REASONS_BY_SPECIALTY[slot.doctor.specialty] ?? REASONS_BY_SPECIALTY[GENERAL_PRACTICE] ?? [];
  return {
    id: ctx.newId(),
    doctorId: slot.doctor.id,
    patientId: slot.patient.id,
    clinicId: slot.doctor.clinicId,
    startsAt: new Date(slot.startsAt),
    endsAt: new Date(slot.endsAt),
    status: statusFor(ctx, slot, leadDays, ages.get(slot.patient.id) ?? 0),
    reason: reasons.length > 0 ? random.pick(reasons) : 'Consultation',
    bookedAt: new Date(bookedAt),
  };
}

/** 1–30 days ahead of the visit and never after `now`; most people book days ahead, some weeks ahead. */
function bookingTime(ctx: BuildContext, startsAt: number): number {
  const earliest = startsAt - 30 * DAY_MS;
  const latest = Math.floor(Math.min(startsAt - DAY_MS, ctx.nowMs - 10 * MINUTE_MS) / MINUTE_MS) * MINUTE_MS;
  const u = ctx.random.next();
  return latest - Math.round(((latest - earliest) / MINUTE_MS) * u * u) * MINUTE_MS;
}

function statusFor(ctx: BuildContext, slot: Slot, leadDays: number, age: number): DemoAppointmentStatus {
  const { random } = ctx;
  if (slot.startsAt >= ctx.nowMs) return random.chance(0.05) ? 'cancelled' : 'booked';
  if (random.chance(0.05)) return 'cancelled';
  return random.chance(noShowRisk(slot.patient, leadDays, age)) ? 'no_show' : 'completed';
}

/**
 * Loosely follows the no-show data (about 20 % overall): long waits, welfare recipients and young adults miss
 * more visits, older patients fewer — so a model trained on the demo has real signal to find.
 */
export function noShowRisk(patient: DemoPatient, leadDays: number, age: number): number {
  let risk = 0.12 + 0.006 * Math.min(leadDays, 30);
  if (patient.scholarship) risk += 0.06;
  if (patient.alcoholism) risk += 0.05;
  if (age >= 18 && age <= 35) risk += 0.04;
  if (age >= 65) risk -= 0.05;
  return risk;
}

/**
 * The demo doctor account is the first general practitioner. The demo patient is the one whose history shows
 * the most on first sign-in: past and upcoming visits, ideally with that same doctor.
 */
export function pickAccountHolders(
  doctors: readonly DemoDoctor[],
  patients: readonly DemoPatient[],
  appointments: readonly DemoAppointment[],
): { doctorId: string; patientId: string } {
  const doctorId = (doctors[0] as DemoDoctor).id;
  const seen = new Map<string, { visits: number; kinds: Set<string> }>();
  for (const a of appointments) {
    const entry = seen.get(a.patientId) ?? { visits: 0, kinds: new Set<string>() };
    entry.visits += 1;
    entry.kinds.add(a.status);
    if (a.doctorId === doctorId) entry.kinds.add('with-doctor');
    seen.set(a.patientId, entry);
  }
  const score = (id: string): number => {
    const entry = seen.get(id);
    if (!entry) return 0;
    const has = (kind: string): number => (entry.kinds.has(kind) ? 10 : 0);
    return entry.visits + has('completed') + has('booked') + has('with-doctor') / 2;
  };
  let best = (patients[0] as DemoPatient).id;
  for (const id of seen.keys()) if (score(id) > score(best)) best = id;
  return { doctorId, patientId: best };
}
