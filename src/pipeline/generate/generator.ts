/**
 * The streaming generator. `start()` writes the header rows and the small files (clinics, doctors);
 * `patients(from, to)` writes patients `from…to−1` with their appointments and records as CSV bytes in the
 * sinks. Call it for consecutive ranges from 0. The caller drains the sinks between batches (to files, with
 * backpressure), so memory stays flat whatever the size. One random stream consumed in a fixed order: the
 * same settings give the same bytes. Pure: no IO, no clock.
 */
import { NEIGHBOURHOODS } from '../../server/demo/catalog.ts';
import { createRandom, type Random } from '../../server/demo/random.ts';
import { encode, RowBuffer } from './bytes.ts';
import { FILE_NAMES, headerLine, type FileName } from './columns.ts';
import { csvText } from './csv.ts';
import type { GenerateSettings } from './options.ts';
import { FIRST_NAME_BYTES, MOBILE_PREFIX, SURNAME_BYTES } from './people.ts';
import {
  NEIGHBOURHOOD_CSV,
  anniversaries,
  drawPatient,
  newPatientState,
  type PatientState,
} from './patient.ts';
import { PROFILE_COUNT } from './profiles.ts';
import { createLedger, type Ledger } from './schedule.ts';
import { GENERAL_PRACTICE_INDEX, SPECIALTIES } from './specialties.ts';
import { createStats, type Stats } from './stats.ts';
import { VisitWriter } from './visits.ts';
import { pick, poisson } from './weighted.ts';
import { buildWorld, type World } from './world.ts';

/** Bytes waiting to be written, per file; the driver takes the full chunks whenever it likes. */
export type Sinks = Record<FileName, RowBuffer>;

export const emptySinks = (chunkBytes?: number): Sinks =>
  Object.fromEntries(FILE_NAMES.map((name) => [name, new RowBuffer(chunkBytes)])) as Sinks;

export interface Generator {
  readonly world: World;
  readonly stats: Stats;
  start(sinks: Sinks): void;
  patients(from: number, to: number, sinks: Sinks): void;
}

/** Most visits one patient gets in the period (and never more than one a day). */
const MAX_VISITS = 400;
/** Doctors tried for one visit (the first choice, then others of the specialty) before giving up. */
const DOCTOR_TRIES = 3;

export function createGenerator(settings: GenerateSettings): Generator {
  const random = createRandom(settings.seed);
  const world = buildWorld(settings, random);
  const stats = createStats(world.totalSlots);
  const ledger = createLedger(world, settings.seed);
  const anniversary = anniversaries(world);
  const patient = newPatientState();
  const visits = new VisitWriter(world, random, stats, Math.min(MAX_VISITS, settings.days));
  return {
    world,
    stats,
    start(sinks) {
      for (const name of FILE_NAMES) sinks[name].text(headerLine(name));
      writeClinics(world, sinks);
      writeDoctors(world, sinks);
    },
    patients(from, to, sinks) {
      for (let id = from + 1; id <= to; id++) {
        patient.id = id;
        drawPatient(patient, random, world, ledger, anniversary);
        planVisits(patient, random, world, ledger, visits);
        const lastVisit = visits.write(patient, sinks);
        writePatient(patient, lastVisit, world, sinks.patients);
        countPatient(patient, stats);
      }
    },
  };
}

function planVisits(
  p: PatientState,
  random: Random,
  world: World,
  ledger: Ledger,
  visits: VisitWriter,
): void {
  const { stats } = visits;
  const wanted = Math.min(visits.capacity, poisson(world.visitsByProfile[p.profile] ?? 0, random));
  visits.reset();
  stats.wantedVisits += wanted;
  for (let v = 0; v < wanted; v++) {
    const specialty = pick(world.specialtyByProfile[p.profile]!, random.next());
    const reason = pick(world.reasonBy[specialty * PROFILE_COUNT + p.profile]!, random.next());
    const wish = random.int(0, world.settings.days - 1);
    if (!bookVisit(p, specialty, reason, wish, random, world, ledger, visits)) {
      stats.unplacedVisits++;
      stats.unplacedBySpecialty[specialty]! += 1;
    }
  }
}

/**
 * Tries the family doctor (for general practice) or the lighter of two nearby specialists, then another
 * nearby one, then any doctor of the specialty in town; each from the wished-for day up to MAX_WAIT_DAYS.
 */
function bookVisit(
  p: PatientState,
  specialty: number,
  reason: number,
  wish: number,
  random: Random,
  world: World,
  ledger: Ledger,
  visits: VisitWriter,
): boolean {
  const nearby = world.referral[p.homeClinic * SPECIALTIES.length + specialty]!;
  for (let attempt = 0; attempt < DOCTOR_TRIES; attempt++) {
    const family = attempt === 0 && specialty === GENERAL_PRACTICE_INDEX && p.familyDoctor >= 0;
    const pool = attempt < DOCTOR_TRIES - 1 ? nearby : world.anyDoctor[specialty]!;
    const doctor = family ? p.familyDoctor : ledger.chooseDoctor(pool, random.next(), random.next());
    const booked = ledger.book(doctor, wish, visits.day, visits.count);
    if (booked >= 0) {
      visits.add(booked, doctor, reason);
      return true;
    }
  }
  return false;
}

const MOBILE = encode(MOBILE_PREFIX);

function writePatient(p: PatientState, lastVisit: number, world: World, out: RowBuffer): void {
  const { calendar } = world;
  out.row();
  out.uint(p.id);
  out.comma();
  out.byte(p.sex === 'F' ? 0x46 : 0x4d);
  out.comma();
  out.uint(p.age);
  out.comma();
  out.bytes(NEIGHBOURHOOD_CSV[p.neighbourhood]!);
  out.comma();
  writeFlag(p.scholarship, out);
  writeFlag(p.hypertension, out);
  writeFlag(p.diabetes, out);
  writeFlag(p.alcoholism, out);
  out.uint(p.handicap);
  out.comma();
  if (lastVisit >= 0) calendar.writeDate(out, lastVisit);
  out.comma();
  writeName(p, out);
  out.comma();
  calendar.writeDate(out, p.birthDay);
  out.comma();
  out.bytes(MOBILE);
  out.uint(p.phoneHigh);
  out.byte(0x2d);
  out.padded(p.phoneLow, 4);
  out.comma();
  out.decimal(p.latitude, 5, 1e5);
  out.comma();
  out.decimal(p.longitude, 5, 1e5);
  out.comma();
  out.uint(p.homeClinic + 1);
  out.end();
}

function writeFlag(value: boolean, out: RowBuffer): void {
  out.byte(value ? 0x31 : 0x30);
  out.comma();
}

function writeName(p: PatientState, out: RowBuffer): void {
  out.bytes(FIRST_NAME_BYTES[p.sex][p.first]!);
  out.byte(0x20);
  out.bytes(SURNAME_BYTES[p.mother]!);
  out.byte(0x20);
  out.bytes(SURNAME_BYTES[p.father]!);
}

function countPatient(p: PatientState, stats: Stats): void {
  stats.patients++;
  stats.byCell[p.cell]! += 1;
  stats.byAge[p.age]! += 1;
  if (p.hypertension) stats.hypertensionByAge[p.age]! += 1;
  if (p.diabetes) stats.diabetesByAge[p.age]! += 1;
}

function writeClinics(world: World, sinks: Sinks): void {
  world.clinics.forEach((c, i) => {
    const fields = [
      c.id,
      csvText(c.name),
      csvText(NEIGHBOURHOODS[c.neighbourhood]?.name ?? ''),
      csvText(c.address),
      c.latitude.toFixed(5),
      c.longitude.toFixed(5),
      c.timeZone,
      world.clinicCapacity[i],
      c.emergencyPhone,
      c.closedOnWeekends ? 1 : 0,
      c.pricePercent,
    ];
    sinks.clinics.row();
    sinks.clinics.text(fields.join(',') + '\n');
  });
}

function writeDoctors(world: World, sinks: Sinks): void {
  for (const d of world.doctors) {
    const fields = [
      d.id,
      csvText(d.name),
      csvText(SPECIALTIES[d.specialty]?.name ?? ''),
      d.clinic + 1,
      csvText(d.availability),
      d.slotMinutes,
      d.email,
      d.phone,
    ];
    sinks.doctors.row();
    sinks.doctors.text(fields.join(',') + '\n');
  }
}
