/**
 * One patient's traits, drawn into a reused state object (no allocation per patient): sex and age from the
 * census pyramid, birth date, conditions by age, neighbourhood and home, home clinic and family doctor.
 * Pure: randomness from the Random passed in.
 */
import { NEIGHBOURHOODS } from '../../server/demo/catalog.ts';
import type { Random } from '../../server/demo/random.ts';
import { encode } from './bytes.ts';
import { csvText } from './csv.ts';
import { drawMobileParts, drawNameParts, type MobileParts, type NameParts } from './people.ts';
import {
  ALCOHOLISM,
  DIABETES,
  HYPERTENSION,
  MAX_AGE,
  PYRAMID,
  SCHOLARSHIP,
  drawHandicap,
  drawPyramidCell,
  type Sex,
} from './population.ts';
import { ageClassOf, profileIndex } from './profiles.ts';
import { GENERAL_PRACTICE_INDEX, SPECIALTIES } from './specialties.ts';
import type { Ledger } from './schedule.ts';
import type { World } from './world.ts';

export interface PatientState extends NameParts, MobileParts {
  id: number;
  sex: Sex;
  age: number;
  cell: number;
  birthDay: number;
  scholarship: boolean;
  hypertension: boolean;
  diabetes: boolean;
  alcoholism: boolean;
  handicap: number;
  neighbourhood: number;
  /** Home coordinates in units of 10⁻⁵ degree. */
  latitude: number;
  longitude: number;
  homeClinic: number;
  familyDoctor: number;
  profile: number;
}

export const newPatientState = (): PatientState => ({
  id: 0,
  sex: 'F',
  age: 0,
  cell: 0,
  birthDay: 0,
  scholarship: false,
  hypertension: false,
  diabetes: false,
  alcoholism: false,
  handicap: 0,
  neighbourhood: 0,
  latitude: 0,
  longitude: 0,
  homeClinic: 0,
  familyDoctor: 0,
  profile: 0,
  first: 0,
  mother: 0,
  father: 0,
  phoneHigh: 0,
  phoneLow: 0,
});

const AGE_CLASS = Uint8Array.from({ length: MAX_AGE + 1 }, (_, age) => ageClassOf(age));
export const NEIGHBOURHOOD_CSV = NEIGHBOURHOODS.map((n) => encode(csvText(n.name)));
const HOME_SPREAD_DEGREES = 0.004; // about 400 m around the neighbourhood centre

/** Window day of each age's last birthday anniversary on or before the start (Feb 29 read as Feb 28). */
export function anniversaries(world: World): Int32Array {
  const { start } = world.calendar;
  const day = start.month === 2 && start.day === 29 ? 28 : start.day;
  return Int32Array.from({ length: MAX_AGE + 1 }, (_, age) =>
    world.calendar.dayOf({ year: start.year - age, month: start.month, day }),
  );
}

export function drawPatient(
  p: PatientState,
  random: Random,
  world: World,
  ledger: Ledger,
  anniversary: Int32Array,
): void {
  p.cell = drawPyramidCell(random);
  const cell = PYRAMID[p.cell]!;
  p.sex = cell.sex;
  p.age = Math.min(MAX_AGE, cell.fromAge + random.int(0, 4));
  p.birthDay = (anniversary[p.age] ?? 0) - random.int(0, 364);
  p.scholarship = random.next() < (SCHOLARSHIP[p.age] ?? 0);
  p.hypertension = random.next() < (HYPERTENSION[p.age] ?? 0);
  p.diabetes = random.next() < (DIABETES[p.age] ?? 0);
  p.alcoholism = random.next() < (ALCOHOLISM[p.sex][p.age] ?? 0);
  p.handicap = drawHandicap(random, p.age);
  p.profile = profileIndex(AGE_CLASS[p.age] ?? 0, p.sex, p.hypertension, p.diabetes);
  drawHome(p, random, world, ledger);
  drawNameParts(random, p.sex, p);
  drawMobileParts(random, p);
}

function drawHome(p: PatientState, random: Random, world: World, ledger: Ledger): void {
  p.neighbourhood = random.int(0, NEIGHBOURHOODS.length - 1);
  const place = NEIGHBOURHOODS[p.neighbourhood] ?? { latitude: 0, longitude: 0 };
  p.latitude = Math.round((place.latitude + (random.next() - 0.5) * 2 * HOME_SPREAD_DEGREES) * 1e5);
  p.longitude = Math.round((place.longitude + (random.next() - 0.5) * 2 * HOME_SPREAD_DEGREES) * 1e5);
  p.homeClinic = ledger.chooseClinic(world.homeClinic[p.neighbourhood]!, random.next(), random.next());
  const gp = world.referral[p.homeClinic * SPECIALTIES.length + GENERAL_PRACTICE_INDEX]!;
  p.familyDoctor = gp.total > 0 ? ledger.chooseDoctor(gp, random.next(), random.next()) : -1;
}
