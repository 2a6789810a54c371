/** The published marts: what each holds, how its rows are ordered, and which column date filters apply to. */
export interface MartSpec {
  readonly name: string;
  readonly description: string;
  /** Rows come back in this order (columns of the mart). */
  readonly orderBy: readonly string[];
  /** The date column `from`/`to` filter on (a month's first day or a day), if any. */
  readonly dateColumn?: string;
  /** Served over HTTP: aggregates only (per-patient marts stay in the warehouse and the CLI). */
  readonly aggregated: boolean;
}

export const MARTS: readonly MartSpec[] = [
  {
    name: 'monthly_aggregates',
    description: 'Appointments, patients and doctors per month',
    orderBy: ['month'],
    dateColumn: 'month',
    aggregated: true,
  },
  {
    name: 'doctor_performance',
    description: 'Per doctor: appointments, patients, total billing',
    orderBy: ['doctor_id'],
    aggregated: true,
  },
  {
    name: 'patient_doctor_interactions',
    description: 'Per patient and doctor: visits, the latest visit and its diagnosis',
    orderBy: ['patient_id', 'doctor_id'],
    dateColumn: 'last_visit_date',
    aggregated: false,
  },
  {
    name: 'conditions_per_month',
    description: 'Diagnoses per month and ICD-10 code',
    orderBy: ['month', 'icd10_code'],
    dateColumn: 'month',
    aggregated: true,
  },
  {
    name: 'conditions_by_specialty',
    description: 'Diagnoses per specialty and ICD-10 code',
    orderBy: ['specialty', 'icd10_code'],
    aggregated: true,
  },
  {
    name: 'appointments_per_doctor_day',
    description: 'Appointments per doctor and day',
    orderBy: ['day', 'doctor_id'],
    dateColumn: 'day',
    aggregated: true,
  },
  {
    name: 'appointments_per_patient',
    description: 'Average appointments per patient',
    orderBy: ['patients'],
    aggregated: true,
  },
  {
    name: 'billing_per_patient_doctor',
    description: "Each doctor's average billing per patient",
    orderBy: ['doctor_id'],
    aggregated: true,
  },
  {
    name: 'no_show_by_lead_time',
    description: 'No-show rate by booking lead time',
    orderBy: ['band_order'],
    aggregated: true,
  },
  {
    name: 'no_show_by_age_band',
    description: 'No-show rate by age band',
    orderBy: ['age_band'],
    aggregated: true,
  },
  {
    name: 'no_show_by_neighbourhood',
    description: 'No-show rate by neighbourhood',
    orderBy: ['neighbourhood'],
    aggregated: true,
  },
];

export const MART_NAMES = MARTS.map((m) => m.name);

export function martSpec(name: string): MartSpec | undefined {
  return MARTS.find((m) => m.name === name);
}
