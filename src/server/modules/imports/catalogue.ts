/**
 * Every rule an importer may apply, with what it does to the row: imported as is, repaired, or filled in
 * (a value the source does not have, set by a documented default). Counted per run in the report; see
 * docs/decisions/0010-imports.md. Pure.
 */
import { addDays, zonedTimeToEpoch, type LocalDate } from '../../demo/zoned.ts';

export type RuleAction = 'imported' | 'repaired' | 'filled' | 'skipped';

export const RULES = {
  'noshow.patient_id_e_notation': {
    action: 'repaired',
    text: 'PatientId written in E notation (9377952927E-5) is rewritten as its exact decimal (93779.52927)',
  },
  'noshow.age_negative': {
    action: 'repaired',
    text: 'Age −1 (a visit before birth: prenatal care) is taken as a newborn: birth date = the appointment day',
  },
  'noshow.scheduled_after_appointment': {
    action: 'repaired',
    text: 'ScheduledDay after the AppointmentDay: the booking time is set to the start of the appointment day',
  },
  'noshow.handcap_above_one': {
    action: 'imported',
    text: 'Handcap 2–4 is kept: it counts disabilities (0–4), not a yes/no flag',
  },
  'noshow.birth_date_from_age': {
    action: 'filled',
    text: 'no birth date in the source: estimated as the first appointment day minus Age years and six months',
  },
  'noshow.name_from_id': {
    action: 'filled',
    text: 'no name in the source: "Patient <PatientId>" (never used for matching)',
  },
  'noshow.clinic_per_neighbourhood': {
    action: 'filled',
    text: 'the Neighbourhood is where the visit took place: one clinic per neighbourhood, emergency phone 192 (SAMU)',
  },
  unassigned_doctor: {
    action: 'filled',
    text: 'the source names no doctor: visits go to one "Unassigned" doctor per clinic, who takes no bookings',
  },
  day_only_visit: {
    action: 'filled',
    text: 'the source gives only the day: the visit spans the local day and is marked time_known = false',
  },
  'healthsynth.birth_date_from_age': {
    action: 'filled',
    text: 'original layout without BirthDate: estimated from Age on VisitDate (or the import day)',
  },
  'healthsynth.name_from_id': {
    action: 'filled',
    text: 'original layout without Name: "Patient <PatientID>" (never used for matching)',
  },
  'healthsynth.future_visit_booked': {
    action: 'repaired',
    text: 'a visit after the as-of time (demo data reaching into the future) is a booking: status booked',
  },
  'healthsynth.future_record_skipped': {
    action: 'skipped',
    text: 'a record written at a visit after the as-of time cannot exist yet: not imported',
  },
  'healthsynth.report_as_note': {
    action: 'filled',
    text: 'last_reports rows carry no ICD-10 code: HealthDisease is kept as a clinical note, LastBilling as a billing line',
  },
  'synthea.condition_as_note': {
    action: 'filled',
    text: 'conditions are SNOMED CT coded, not ICD-10-CM: kept as a clinical note naming the SNOMED code and dates',
  },
  'synthea.medication_route_other': {
    action: 'filled',
    text: 'medication description names no known route: route "other"',
  },
  'synthea.observation_text': {
    action: 'imported',
    text: 'observations of type text (smoking status, survey answers) are kept as text results without a unit',
  },
  'synthea.observation_without_encounter': {
    action: 'skipped',
    text: 'QALY/DALY/QOLS summaries without an encounter are population measures, not results: not imported',
  },
  'synthea.name_digits': {
    action: 'repaired',
    text: 'Synthea appends digits to names (Maynard46): they are dropped',
  },
  'synthea.encounter_cost_as_billing': {
    action: 'imported',
    text: "BASE_ENCOUNTER_COST becomes the encounter's billing line (USD, rounded to cents)",
  },
} as const satisfies Record<string, { action: RuleAction; text: string }>;

export type RuleId = keyof typeof RULES;

const SAO_PAULO = 'America/Sao_Paulo';
export const BRAZIL_ZONE = SAO_PAULO;

const parseDay = (date: string): LocalDate => {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { year, month, day };
};

/** The local day `[00:00, next 00:00)` of a date in a zone, as ISO instants (cached: few distinct days). */
const dayCache = new Map<string, { start: string; end: string }>();
export function localDay(date: string, timeZone: string): { start: string; end: string } {
  const key = `${date}|${timeZone}`;
  let day = dayCache.get(key);
  if (!day) {
    const local = parseDay(date);
    day = {
      start: new Date(zonedTimeToEpoch(local, 0, timeZone)).toISOString(),
      end: new Date(zonedTimeToEpoch(addDays(local, 1), 0, timeZone)).toISOString(),
    };
    dayCache.set(key, day);
  }
  return day;
}

/** Noon local time on a date: for sources that date a record but give no time. */
export function localNoon(date: string, timeZone: string): string {
  return new Date(zonedTimeToEpoch(parseDay(date), 12 * 60, timeZone)).toISOString();
}
