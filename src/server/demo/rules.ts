/**
 * The demo data loaded on the first embedded start, built as plain rows. Pure: no IO, no clock, no global
 * randomness — the same `seed` and `now` give the same rows (ids included), so the demo is reproducible.
 */
import { v7 as uuidv7 } from 'uuid';
import {
  CLINIC_SITES,
  DEMO_TIMEZONE,
  FEMALE_NAMES,
  GENERAL_PRACTICE,
  MALE_NAMES,
  NEIGHBOURHOODS,
  SPECIALISTS,
  STREETS,
  SURNAMES,
  type Neighbourhood,
} from './catalog.ts';
import { createRandom, weightedPicker, type Random } from './random.ts';
import { buildAppointments, pickAccountHolders } from './schedule.ts';
import { addDays, isoDate, localDateTime, type LocalDate } from './zoned.ts';

export interface DemoOptions {
  seed: number;
  now: Date;
  clinics?: number;
  doctors?: number;
  patients?: number;
  appointments?: number;
}

export interface DemoClinic {
  id: string;
  code: string;
  name: string;
  neighbourhood: string;
  address: string;
  latitude: number;
  longitude: number;
  timezone: string;
  capacity: number;
  emergencyPhone: string;
  closedOnWeekends: boolean;
}

export interface DemoDoctor {
  id: string;
  code: string;
  clinicId: string;
  name: string;
  specialty: string;
  email: string;
  phone: string;
  slotMinutes: number;
}

export interface DemoPatient {
  id: string;
  code: string;
  name: string;
  gender: 'F' | 'M';
  birthDate: string;
  neighbourhood: string;
  scholarship: boolean;
  hypertension: boolean;
  diabetes: boolean;
  alcoholism: boolean;
  handicap: number;
  email: string;
  phone: string;
  address: string;
  latitude: number;
  longitude: number;
}

export type DemoAppointmentStatus = 'booked' | 'completed' | 'no_show' | 'cancelled';

export interface DemoAppointment {
  id: string;
  doctorId: string;
  patientId: string;
  clinicId: string;
  startsAt: Date;
  endsAt: Date;
  status: DemoAppointmentStatus;
  reason: string;
  bookedAt: Date;
}

export interface DemoData {
  clinics: DemoClinic[];
  doctors: DemoDoctor[];
  patients: DemoPatient[];
  appointments: DemoAppointment[];
  /** Who the demo doctor and patient sign-in accounts belong to. */
  accountHolders: { doctorId: string; patientId: string };
}

/** Shared by the builders: one random stream and one id source, consumed in a fixed order. */
export interface BuildContext {
  random: Random;
  nowMs: number;
  today: LocalDate;
  newId(): string;
}

export const DEMO_DEFAULTS = { clinics: 3, doctors: 12, patients: 200, appointments: 400 } as const;

export function buildDemoData(options: DemoOptions): DemoData {
  const sizes = { ...DEMO_DEFAULTS, ...definedOnly(options) };
  checkSizes(sizes, options.now);
  const nowMs = options.now.getTime();
  const random = createRandom(options.seed);
  let sequence = 0;
  const ctx: BuildContext = {
    random,
    nowMs,
    today: localDateTime(nowMs, DEMO_TIMEZONE),
    // UUIDv7 like newId(), but with the time and randomness taken from `now` and the seed.
    newId: () => uuidv7({ msecs: nowMs, seq: sequence++, random: random.bytes(16) }),
  };
  const clinics = Array.from({ length: sizes.clinics }, (_, i) => buildClinic(ctx, i));
  const doctors = Array.from({ length: sizes.doctors }, (_, i) => buildDoctor(ctx, i, clinics));
  const patients = Array.from({ length: sizes.patients }, (_, i) => buildPatient(ctx, i));
  const appointments = buildAppointments(ctx, { clinics, doctors, patients, count: sizes.appointments });
  return {
    clinics,
    doctors,
    patients,
    appointments,
    accountHolders: pickAccountHolders(doctors, patients, appointments),
  };
}

function definedOnly(options: DemoOptions): Partial<typeof DEMO_DEFAULTS> {
  return Object.fromEntries(
    (['clinics', 'doctors', 'patients', 'appointments'] as const)
      .filter((key) => options[key] !== undefined)
      .map((key) => [key, options[key]]),
  );
}

function checkSizes(sizes: Record<keyof typeof DEMO_DEFAULTS, number>, now: Date): void {
  if (Number.isNaN(now.getTime())) throw new RangeError('now must be a valid date');
  for (const [key, value] of Object.entries(sizes)) {
    const min = key === 'appointments' ? 0 : 1;
    if (!Number.isInteger(value) || value < min) throw new RangeError(`${key} must be an integer >= ${min}`);
  }
  if (sizes.clinics > 999) throw new RangeError('clinics must be at most 999 (codes C001–C999)');
}

const code = (prefix: string, index: number, width: number): string =>
  prefix + String(index + 1).padStart(width, '0');

const neighbourhoodNamed = (name: string): Neighbourhood =>
  NEIGHBOURHOODS.find((n) => n.name === name) ?? (NEIGHBOURHOODS[0] as Neighbourhood);

function buildClinic(ctx: BuildContext, index: number): DemoClinic {
  const { random } = ctx;
  const site = CLINIC_SITES[index % CLINIC_SITES.length] ?? {
    neighbourhood: 'Centro',
    street: 'Avenida Vitória',
  };
  const place = neighbourhoodNamed(site.neighbourhood);
  const round = Math.floor(index / CLINIC_SITES.length);
  return {
    id: ctx.newId(),
    code: code('C', index, 3),
    name: `Clínica ${place.name}${round > 0 ? ` ${round + 1}` : ''}`,
    neighbourhood: place.name,
    address: `${site.street}, ${random.int(100, 2500)} — ${place.name}, Vitória - ES`,
    latitude: place.latitude,
    longitude: place.longitude,
    timezone: DEMO_TIMEZONE,
    capacity: random.int(6, 12) * 10,
    emergencyPhone: `+55 27 3${random.int(100, 399)}-${digits(random, 4)}`,
    closedOnWeekends: true,
  };
}

function buildDoctor(ctx: BuildContext, index: number, clinics: readonly DemoClinic[]): DemoDoctor {
  const { random } = ctx;
  // Every clinic gets a general practitioner first; further doctors add specialties.
  const specialty =
    index < clinics.length
      ? GENERAL_PRACTICE
      : (SPECIALISTS[(index - clinics.length) % SPECIALISTS.length] ?? '');
  const clinic = clinics[index % clinics.length] as DemoClinic;
  const name = personName(random, random.chance(0.55) ? 'F' : 'M');
  const doctorCode = code('D', index, 4);
  return {
    id: ctx.newId(),
    code: doctorCode,
    clinicId: clinic.id,
    name,
    specialty,
    email: emailFor(name, doctorCode),
    phone: mobilePhone(random),
    slotMinutes: specialty === 'Psychiatry' ? 30 : random.pick([20, 30]),
  };
}

/** Age bands shaped like a Brazilian city's population (many children and working-age adults, few over 80). */
const AGE_BANDS = [
  { from: 0, to: 9, weight: 12 },
  { from: 10, to: 19, weight: 11 },
  { from: 20, to: 29, weight: 13 },
  { from: 30, to: 39, weight: 14 },
  { from: 40, to: 49, weight: 14 },
  { from: 50, to: 59, weight: 14 },
  { from: 60, to: 69, weight: 11 },
  { from: 70, to: 79, weight: 7 },
  { from: 80, to: 95, weight: 4 },
] as const;
const pickAgeBand = weightedPicker(AGE_BANDS, (band) => band.weight);

function buildPatient(ctx: BuildContext, index: number): DemoPatient {
  const { random } = ctx;
  const gender = random.chance(0.65) ? 'F' : 'M'; // the no-show data is about 65 % women
  const band = pickAgeBand(random);
  const age = random.int(band.from, band.to);
  const name = personName(random, gender);
  const place = random.pick(NEIGHBOURHOODS);
  const patientCode = code('P', index, 4);
  return {
    id: ctx.newId(),
    code: patientCode,
    name,
    gender,
    birthDate: birthDateFor(ctx, age),
    neighbourhood: place.name,
    ...conditionsFor(random, age),
    email: emailFor(name, patientCode),
    phone: mobilePhone(random),
    address: `${random.pick(STREETS)}, ${random.int(1, 1500)} — ${place.name}, Vitória - ES`,
    latitude: jitter(random, place.latitude),
    longitude: jitter(random, place.longitude),
  };
}

/** A birth date that makes the patient exactly `age` today. */
function birthDateFor(ctx: BuildContext, age: number): string {
  const birthday = { ...ctx.today, year: ctx.today.year - age };
  // Up to 364 days before that birthday keeps the age (a Feb 29 in a common year rolls to Mar 1).
  return isoDate(addDays(birthday, -ctx.random.int(0, 364)));
}

/** Chronic conditions rise with age, as they do in the source data; overall about 20 % and 7 %. */
function conditionsFor(random: Random, age: number) {
  const hypertensionRate = age < 30 ? 0.02 : age < 50 ? 0.15 : age < 65 ? 0.4 : 0.55;
  const diabetesRate = age < 30 ? 0.005 : age < 50 ? 0.04 : age < 65 ? 0.12 : 0.18;
  const u = random.next();
  return {
    scholarship: random.chance(0.1),
    hypertension: random.chance(hypertensionRate),
    diabetes: random.chance(diabetesRate),
    alcoholism: age >= 18 && random.chance(0.035),
    handicap: u < 0.975 ? 0 : u < 0.993 ? 1 : u < 0.998 ? 2 : u < 0.9995 ? 3 : 4,
  };
}

function personName(random: Random, gender: 'F' | 'M'): string {
  const first = random.pick(gender === 'F' ? FEMALE_NAMES : MALE_NAMES);
  const mother = random.pick(SURNAMES);
  // Brazilians usually carry two family names (mother's, then father's), rarely the same one twice.
  const father = random.pick(SURNAMES.filter((s) => s !== mother));
  return `${first} ${mother} ${father}`;
}

/** `ana.souza.p0001@example.org`: ASCII, and unique through the code. */
function emailFor(name: string, entityCode: string): string {
  const words = name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().split(' ');
  return `${words[0]}.${words[words.length - 1]}.${entityCode.toLowerCase()}@example.org`;
}

const digits = (random: Random, count: number): string =>
  String(random.int(0, 10 ** count - 1)).padStart(count, '0');

const mobilePhone = (random: Random): string => `+55 27 9${random.int(8000, 9999)}-${digits(random, 4)}`;

/** Scatters homes up to ~400 m around the neighbourhood centre. */
const jitter = (random: Random, degrees: number): number =>
  Math.round((degrees + (random.next() - 0.5) * 0.008) * 1e5) / 1e5;
