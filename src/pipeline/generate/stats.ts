/**
 * Counters the generator fills as it writes (plain typed arrays: no per-row objects), from which the
 * distribution report is made. Pure.
 */
import { AGE_GROUPS, LEAD_BUCKETS } from './noshow.ts';
import { MAX_AGE, PYRAMID } from './population.ts';
import { SPECIALTIES } from './specialties.ts';

export interface Stats {
  patients: number;
  readonly byCell: Float64Array;
  readonly byAge: Float64Array;
  readonly hypertensionByAge: Float64Array;
  readonly diabetesByAge: Float64Array;
  wantedVisits: number;
  unplacedVisits: number;
  readonly unplacedBySpecialty: Float64Array;
  appointments: number;
  cancelled: number;
  noShows: number;
  saturdayAppointments: number;
  /** Due (not cancelled) appointments and no-shows among them, by lead bucket / SMS (0, 1) for leads of 2+
   * days / earlier no-shows (0, 1, 2+) / age group. */
  readonly dueByLead: Float64Array;
  readonly noShowByLead: Float64Array;
  readonly dueBySms: Float64Array;
  readonly noShowBySms: Float64Array;
  readonly dueByPrior: Float64Array;
  readonly noShowByPrior: Float64Array;
  readonly dueByAge: Float64Array;
  readonly noShowByAge: Float64Array;
  records: number;
  /** Rank-1 records and their billing (cents) per specialty. */
  readonly visitsBySpecialty: Float64Array;
  readonly billingBySpecialty: Float64Array;
  bookedSlots: number;
  totalSlots: number;
}

export function createStats(totalSlots: number): Stats {
  const zeros = (n: number): Float64Array => new Float64Array(n);
  return {
    patients: 0,
    byCell: zeros(PYRAMID.length),
    byAge: zeros(MAX_AGE + 1),
    hypertensionByAge: zeros(MAX_AGE + 1),
    diabetesByAge: zeros(MAX_AGE + 1),
    wantedVisits: 0,
    unplacedVisits: 0,
    unplacedBySpecialty: zeros(SPECIALTIES.length),
    appointments: 0,
    cancelled: 0,
    noShows: 0,
    saturdayAppointments: 0,
    dueByLead: zeros(LEAD_BUCKETS.length),
    noShowByLead: zeros(LEAD_BUCKETS.length),
    dueBySms: zeros(2),
    noShowBySms: zeros(2),
    dueByPrior: zeros(3),
    noShowByPrior: zeros(3),
    dueByAge: zeros(AGE_GROUPS.length),
    noShowByAge: zeros(AGE_GROUPS.length),
    records: 0,
    visitsBySpecialty: zeros(SPECIALTIES.length),
    billingBySpecialty: zeros(SPECIALTIES.length),
    bookedSlots: 0,
    totalSlots,
  };
}

export const rate = (part: number, whole: number): number => (whole > 0 ? part / whole : 0);
