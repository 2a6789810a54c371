/**
 * Everything fixed before the first patient: calendar, clinics, doctors, and flat lookup tables (typed
 * arrays and pickers indexed by profile, specialty, reason or clinic) so the per-patient loop does no
 * searching or allocating. Pure: all randomness comes from the Random passed in.
 */
import { NEIGHBOURHOODS } from '../../server/demo/catalog.ts';
import type { Random } from '../../server/demo/random.ts';
import { slotStarts } from './availability.ts';
import { createCalendar, type Calendar } from './calendar.ts';
import { encode } from './bytes.ts';
import { csvText } from './csv.ts';
import { CHRONIC, REASONS, type Diagnosis } from './diagnoses.ts';
import {
  buildClinics,
  buildDoctors,
  clinicSizes,
  doctorWeeklySlots,
  seatSpecialties,
  specialtyCounts,
  type Clinic,
  type Doctor,
} from './facilities.ts';
import type { GenerateSettings } from './options.ts';
import { expectedDemandShares } from './demand.ts';
import { PROFILES, PROFILE_COUNT, fits } from './profiles.ts';
import { GENERAL_PRACTICE_INDEX, SPECIALTIES, visitsPerYear } from './specialties.ts';
import { createPicker, type Picker } from './weighted.ts';

export interface World {
  readonly settings: GenerateSettings;
  readonly calendar: Calendar;
  readonly clinics: readonly Clinic[];
  readonly doctors: readonly Doctor[];
  readonly doctorClinic: Int32Array;
  /** Slots a week per doctor, and of each clinic's general practitioners (who look after its patients). */
  readonly doctorWeeklySlots: Float64Array;
  readonly clinicFamilySlots: Float64Array;
  /** Slot grid per doctor and weekday: `slotCount[d * 7 + w]` minutes from `slotMinute[slotFrom[d * 7 + w]]`. */
  readonly slotFrom: Int32Array;
  readonly slotCount: Uint8Array;
  readonly slotMinute: Int16Array;
  /** Home clinic by neighbourhood, weighted by capacity and nearness. */
  readonly homeClinic: readonly Picker[];
  /** Doctors a clinic's patients see for a specialty: `referral[clinic * S + specialty]`. */
  readonly referral: readonly Picker[];
  /** Every doctor of a specialty: where a patient goes when the nearby ones are booked up. */
  readonly anyDoctor: readonly Picker[];
  readonly specialtyByProfile: readonly Picker[];
  /** Reasons (global index) by `specialty * PROFILE_COUNT + profile`. */
  readonly reasonBy: readonly Picker[];
  /** Diagnoses (global index) by `reason * PROFILE_COUNT + profile`. */
  readonly diagnosisBy: readonly Picker[];
  /** Reasons with their CSV field bytes. */
  readonly reasons: readonly { readonly specialty: number; readonly csv: Uint8Array }[];
  readonly diagnoses: readonly WorldDiagnosis[];
  /** Global diagnosis index of the chronic conditions' codes, written as further diagnoses. */
  readonly chronic: { readonly hypertension: number; readonly diabetes: number; readonly alcoholism: number };
  readonly specialtyCsv: readonly Uint8Array[];
  readonly visitsByProfile: Float64Array;
  /** Appointments each clinic can hold on its busiest weekday (the sum of its doctors' slots). */
  readonly clinicCapacity: Int32Array;
  /** Bookable slots of all doctors over the period (for the utilisation figure). */
  readonly totalSlots: number;
}

export interface WorldDiagnosis extends Diagnosis {
  /** CSV field bytes of the description and the code. */
  readonly csvDescription: Uint8Array;
  readonly codeBytes: Uint8Array;
  /** COVERS_HYPERTENSION | COVERS_DIABETES when the code already records that chronic condition. */
  readonly covers: number;
}

export const COVERS_HYPERTENSION = 1;
export const COVERS_DIABETES = 2;

const S = SPECIALTIES.length;

function worldDiagnosis(d: Diagnosis): WorldDiagnosis {
  const covers = /^I1[0-6]/.test(d.code)
    ? COVERS_HYPERTENSION
    : d.code.startsWith('E11')
      ? COVERS_DIABETES
      : 0;
  return { ...d, csvDescription: encode(csvText(d.description)), codeBytes: encode(d.code), covers };
}

export function buildWorld(settings: GenerateSettings, random: Random): World {
  const calendar = createCalendar(settings.start, settings.days, 'America/Sao_Paulo');
  const clinics = buildClinics(random, settings.clinics);
  const counts = specialtyCounts(expectedDemandShares(), settings.doctors, settings.clinics);
  const seats = seatSpecialties(counts, clinicSizes(random, settings.doctors, settings.clinics));
  const doctors = buildDoctors(random, clinics, seats);
  const grid = slotGrid(doctors);
  const clinical = clinicalTables();
  return {
    settings,
    calendar,
    clinics,
    doctors,
    doctorClinic: Int32Array.from(doctors, (d) => d.clinic),
    doctorWeeklySlots: Float64Array.from(doctors, doctorWeeklySlots),
    clinicFamilySlots: familySlots(clinics.length, doctors),
    ...grid,
    homeClinic: homeClinicPickers(clinics, doctors),
    referral: referralPickers(clinics, doctors),
    anyDoctor: SPECIALTIES.map((_, s) =>
      createPicker(
        doctors.map((d) => (d.specialty === s ? doctorWeeklySlots(d) : 0)),
        doctors.map((d) => d.id - 1),
      ),
    ),
    specialtyByProfile: specialtyPickers(doctors, clinical.reasonBy),
    ...clinical,
    specialtyCsv: SPECIALTIES.map((s) => encode(csvText(s.name))),
    visitsByProfile: Float64Array.from(PROFILES, (p) => (visitsPerYear(p) * settings.days) / 365),
    clinicCapacity: clinicCapacities(clinics.length, doctors, grid.slotCount),
    totalSlots: countSlots(calendar, grid),
  };
}

/** Specialties a profile's visits go to: those with doctors in town and a reason that fits the profile. */
function specialtyPickers(doctors: readonly Doctor[], reasonBy: readonly Picker[]): Picker[] {
  const present = SPECIALTIES.map((_, s) => doctors.some((d) => d.specialty === s));
  return PROFILES.map((p, profile) =>
    createPicker(
      SPECIALTIES.map((s, i) => {
        const reasonsFit = (reasonBy[i * PROFILE_COUNT + profile]?.total ?? 0) > 0;
        return present[i] && reasonsFit ? s.demand(p) : 0;
      }),
    ),
  );
}

function slotGrid(doctors: readonly Doctor[]) {
  const slotFrom = new Int32Array(doctors.length * 7);
  const slotCount = new Uint8Array(doctors.length * 7);
  const minutes: number[] = [];
  doctors.forEach((d, i) => {
    for (let w = 0; w < 7; w++) {
      const starts = slotStarts(d.hours[w] ?? [], d.slotMinutes);
      if (starts.length > 255) throw new RangeError(`doctor ${d.id} has more than 255 slots a day`);
      slotFrom[i * 7 + w] = minutes.length;
      slotCount[i * 7 + w] = starts.length;
      minutes.push(...starts);
    }
  });
  return { slotFrom, slotCount, slotMinute: Int16Array.from(minutes) };
}

function familySlots(clinics: number, doctors: readonly Doctor[]): Float64Array {
  const weekly = new Float64Array(clinics);
  for (const d of doctors)
    if (d.specialty === GENERAL_PRACTICE_INDEX) weekly[d.clinic]! += doctorWeeklySlots(d);
  return weekly;
}

function clinicCapacities(clinics: number, doctors: readonly Doctor[], slotCount: Uint8Array): Int32Array {
  const perDay = new Int32Array(clinics * 7);
  doctors.forEach((d, i) => {
    for (let w = 0; w < 7; w++) perDay[d.clinic * 7 + w]! += slotCount[i * 7 + w]!;
  });
  return Int32Array.from({ length: clinics }, (_, c) => Math.max(...perDay.subarray(c * 7, c * 7 + 7)));
}

function countSlots(calendar: Calendar, grid: { slotCount: Uint8Array }): number {
  const perWeekday = new Float64Array(7);
  grid.slotCount.forEach((count, i) => (perWeekday[i % 7] = (perWeekday[i % 7] ?? 0) + count));
  let total = 0;
  for (let day = 0; day < calendar.days; day++) total += perWeekday[calendar.weekday(day)] ?? 0;
  return total;
}

function clinicalTables() {
  const reasons: { specialty: number; csv: Uint8Array }[] = [];
  const diagnoses: WorldDiagnosis[] = [];
  const diagnosisBy: Picker[] = [];
  const reasonBy: Picker[] = [];
  SPECIALTIES.forEach((specialty, s) => {
    const list = REASONS[specialty.name] ?? [];
    const first = reasons.length;
    for (const reason of list) {
      const firstDiagnosis = diagnoses.length;
      diagnoses.push(...reason.diagnoses.map(worldDiagnosis));
      for (const p of PROFILES) {
        const weights = reason.diagnoses.map((d) => (fits(p, d) ? 1 : 0));
        diagnosisBy.push(
          createPicker(
            weights,
            weights.map((_, k) => firstDiagnosis + k),
          ),
        );
      }
      reasons.push({ specialty: s, csv: encode(csvText(reason.text)) });
    }
    PROFILES.forEach((p, profile) => {
      const weights = list.map((r, k) =>
        fits(p, r) && (diagnosisBy[(first + k) * PROFILE_COUNT + profile]?.total ?? 0) > 0 ? 1 : 0,
      );
      reasonBy[s * PROFILE_COUNT + profile] = createPicker(
        weights,
        weights.map((_, k) => first + k),
      );
    });
  });
  const chronic = {
    hypertension: diagnoses.push(worldDiagnosis(CHRONIC.hypertension)) - 1,
    diabetes: diagnoses.push(worldDiagnosis(CHRONIC.diabetes)) - 1,
    alcoholism: diagnoses.push(worldDiagnosis(CHRONIC.alcoholism)) - 1,
  };
  return { reasons, diagnoses, reasonBy, diagnosisBy, chronic };
}

const KM_PER_DEGREE = 111.2;
function distanceKm(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
): number {
  const dx = (a.longitude - b.longitude) * Math.cos((a.latitude * Math.PI) / 180);
  return Math.hypot(dx, a.latitude - b.latitude) * KM_PER_DEGREE;
}

/** Distance over which a clinic's pull falls by e: people register within a few kilometres of home. */
const TRAVEL_KM = 1.5;

/** Home clinic by neighbourhood: weighted by the clinic's family-doctor capacity and nearness. */
function homeClinicPickers(clinics: readonly Clinic[], doctors: readonly Doctor[]): Picker[] {
  const capacity = familySlots(clinics.length, doctors);
  return NEIGHBOURHOODS.map((place) =>
    createPicker(clinics.map((c, i) => capacity[i]! * Math.exp(-distanceKm(place, c) / TRAVEL_KM))),
  );
}

/** Specialists a clinic's patients see: those of the nearest clinics with the specialty (its own first). */
const REFERRAL_CLINICS = 3;
/** Extra pull of the patient's own clinic, when it has the specialty. */
const OWN_CLINIC_WEIGHT = 2;

/**
 * `referral[clinic * S + specialty]`: general practitioners of the clinic itself (a patient's family doctor
 * works at their home clinic); for other specialties, the doctors of the nearest clinics that have it.
 */
function referralPickers(clinics: readonly Clinic[], doctors: readonly Doctor[]): Picker[] {
  const pickers: Picker[] = [];
  const bySpecialty = SPECIALTIES.map((_, s) => doctors.filter((d) => d.specialty === s));
  const staffedBy = bySpecialty.map((staff) => [...new Set(staff.map((d) => d.clinic))]);
  clinics.forEach((clinic, c) => {
    const near = (k: number): number => (k === c ? -1 : distanceKm(clinic, clinics[k] ?? clinic));
    for (let s = 0; s < S; s++) {
      const staffed = [...(staffedBy[s] ?? [])].sort((a, b) => near(a) - near(b) || a - b);
      const chosen = staffed.slice(0, s === GENERAL_PRACTICE_INDEX ? 1 : REFERRAL_CLINICS);
      const staff = (bySpecialty[s] ?? []).filter((d) => chosen.includes(d.clinic));
      const weight = (d: Doctor): number => doctorWeeklySlots(d) * (d.clinic === c ? OWN_CLINIC_WEIGHT : 1);
      pickers.push(
        createPicker(
          staff.map(weight),
          staff.map((d) => d.id - 1),
        ),
      );
    }
  });
  return pickers;
}
