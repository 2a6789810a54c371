/**
 * The specialties: consultation length and fee, how often each kind of patient needs them, and how many
 * visits a year a patient makes. Pure tables and the functions that read them.
 */
import { GENERAL_PRACTICE } from '../../server/demo/catalog.ts';
import type { Profile } from './profiles.ts';

export interface Specialty {
  readonly name: string;
  /** Consultation length; every appointment of this specialty's doctors lasts one slot. */
  readonly slotMinutes: number;
  /** Consultation fee in BRL cents, billed on the visit's first diagnosis. */
  readonly feeCents: number;
  /** Relative demand for this specialty from a patient with this profile (0 = never). */
  readonly demand: (p: Profile) => number;
}

const ADULT_CLASS = 2; // 18–39
const OLDER_CLASS = 4; // 60–74
const child = (p: Profile): boolean => p.ageClass === 0;
const teen = (p: Profile): boolean => p.ageClass === 1;
const adult = (p: Profile): boolean => p.ageClass >= ADULT_CLASS;
const older = (p: Profile): boolean => p.ageClass >= OLDER_CLASS;
const when = (test: boolean, weight: number): number => (test ? weight : 0);

export const SPECIALTIES: readonly Specialty[] = [
  {
    name: GENERAL_PRACTICE,
    slotMinutes: 20,
    feeCents: 12_000,
    demand: (p) => (child(p) ? 8 : teen(p) ? 18 : 34),
  },
  {
    name: 'Pediatrics',
    slotMinutes: 20,
    feeCents: 15_000,
    demand: (p) => (child(p) ? 70 : teen(p) ? 40 : 0),
  },
  {
    name: 'Gynecology',
    slotMinutes: 30,
    feeCents: 18_000,
    demand: (p) => (p.sex === 'F' && !child(p) ? (teen(p) ? 6 : 14) : 0),
  },
  {
    name: 'Cardiology',
    slotMinutes: 30,
    feeCents: 25_000,
    demand: (p) => when(adult(p), 3 + (p.hypertension ? 10 : 0) + (older(p) ? 6 : 0)),
  },
  {
    name: 'Orthopedics',
    slotMinutes: 30,
    feeCents: 22_000,
    demand: (p) => when(!child(p), teen(p) ? 5 : p.ageClass >= 3 ? 9 : 6),
  },
  { name: 'Dermatology', slotMinutes: 20, feeCents: 20_000, demand: (p) => (teen(p) ? 12 : 6) },
  {
    name: 'Endocrinology',
    slotMinutes: 30,
    feeCents: 23_000,
    demand: (p) => when(adult(p), 2 + (p.diabetes ? 14 : 0)),
  },
  { name: 'Psychiatry', slotMinutes: 50, feeCents: 28_000, demand: (p) => when(!child(p), teen(p) ? 4 : 5) },
  { name: 'Neurology', slotMinutes: 30, feeCents: 26_000, demand: (p) => when(adult(p), older(p) ? 5 : 3) },
  { name: 'Gastroenterology', slotMinutes: 30, feeCents: 23_000, demand: (p) => when(adult(p), 4) },
  { name: 'Pulmonology', slotMinutes: 30, feeCents: 22_000, demand: (p) => when(adult(p), older(p) ? 5 : 2) },
  { name: 'Ophthalmology', slotMinutes: 20, feeCents: 19_000, demand: (p) => (older(p) ? 9 : 4) },
];

export const GENERAL_PRACTICE_INDEX = 0;

/**
 * Visits a year by age and sex, before chronic conditions. Set by assumption, following the pattern health
 * surveys report (small children and the old see doctors most, women more than men, young men least);
 * hypertension and diabetes add regular follow-ups. `VISIT_SCALE` sets the level so that a year averages
 * about five appointments per registered patient.
 */
export const VISITS_PER_YEAR: readonly (readonly [number, number])[] = [
  // [men, women] by age class: 0–11, 12–17, 18–39, 40–59, 60–74, 75+
  [4.2, 4.2],
  [2.4, 2.8],
  [2.2, 4.4],
  [3.6, 5.0],
  [6.0, 6.6],
  [7.5, 8.0],
];
export const VISITS_FOR_HYPERTENSION = 1.5;
export const VISITS_FOR_DIABETES = 2;
export const VISIT_SCALE = 1.1;

export function visitsPerYear(p: Profile): number {
  const [men, women] = VISITS_PER_YEAR[p.ageClass] ?? [0, 0];
  const base = p.sex === 'F' ? women : men;
  const chronic = (p.hypertension ? VISITS_FOR_HYPERTENSION : 0) + (p.diabetes ? VISITS_FOR_DIABETES : 0);
  return (base + chronic) * VISIT_SCALE;
}
