/**
 * The data tests of every model (staging tables test the input, intermediate ones the joins and flags the
 * marts build on, marts what will be published).
 */
import { acceptedValues, notNull, relationship, sanity, unique, type DataTest } from './checks.ts';

const STATUSES = ['completed', 'no_show', 'cancelled'];
const LEAD_TIMES = ['same day', '1-2 days', '3-7 days', '8-14 days', '15-30 days', '31+ days'];
const AGE_BANDS = ['0-9', '10-19', '20-29', '30-39', '40-49', '50-59', '60-69', '70-79', '80+'];

const staging: DataTest[] = [
  notNull('staging.clinics', ['clinic_id', 'clinic_name', 'neighbourhood', 'time_zone']),
  unique('staging.clinics', ['clinic_id']),
  sanity('staging.clinics', 'at least one clinic', 'SELECT count(*) > 0 FROM {t}'),
  notNull('staging.doctors', ['doctor_id', 'doctor_name', 'specialty', 'clinic_id']),
  unique('staging.doctors', ['doctor_id']),
  relationship('staging.doctors', 'clinic_id', 'staging.clinics', 'clinic_id'),
  sanity('staging.doctors', 'at least one doctor', 'SELECT count(*) > 0 FROM {t}'),
  // clinic_id may be empty: a platform patient without a visit has no home clinic (docs/decisions/0014).
  notNull('staging.patients', ['patient_id', 'gender', 'age', 'age_band', 'neighbourhood']),
  unique('staging.patients', ['patient_id']),
  // X: the platform's "unspecified/other" (the generator writes F and M only).
  acceptedValues('staging.patients', 'gender', ['F', 'M', 'X']),
  acceptedValues('staging.patients', 'age_band', AGE_BANDS),
  relationship('staging.patients', 'clinic_id', 'staging.clinics', 'clinic_id'),
  notNull('staging.appointments', [
    'appointment_id',
    'patient_id',
    'doctor_id',
    'clinic_id',
    'appointment_date',
    'starts_at',
    'status',
    'lead_days',
  ]),
  unique('staging.appointments', ['appointment_id']),
  acceptedValues('staging.appointments', 'status', STATUSES),
  acceptedValues('staging.appointments', 'no_show_answer', ['Yes', 'No']),
  relationship('staging.appointments', 'patient_id', 'staging.patients', 'patient_id'),
  relationship('staging.appointments', 'doctor_id', 'staging.doctors', 'doctor_id'),
  relationship('staging.appointments', 'clinic_id', 'staging.clinics', 'clinic_id'),
  sanity(
    'staging.appointments',
    'booked before the day',
    'SELECT count(*) FILTER (WHERE lead_days < 0) = 0 FROM {t}',
  ),
  notNull('staging.records', [
    'record_id',
    'appointment_id',
    'patient_id',
    'doctor_id',
    'visit_date',
    'icd10_code',
    'billing',
    'diagnosis_rank',
  ]),
  unique('staging.records', ['record_id']),
  unique('staging.records', ['appointment_id', 'diagnosis_rank']),
  relationship('staging.records', 'appointment_id', 'staging.appointments', 'appointment_id'),
  relationship('staging.records', 'doctor_id', 'staging.doctors', 'doctor_id'),
  sanity(
    'staging.records',
    'billing never negative',
    'SELECT count(*) FILTER (WHERE billing < 0) = 0 FROM {t}',
  ),
  // The conditions marts name each code once (intermediate.codes), so two names for one code would be lost.
  sanity(
    'staging.records',
    'one diagnosis name per code',
    'SELECT count(*) = 0 FROM (SELECT icd10_code FROM {t} GROUP BY icd10_code HAVING count(DISTINCT diagnosis) > 1) AS x',
  ),
];

// The intermediate models join and flag; a lost or duplicated row would skew every mart built on them.
const sameRows = (model: string, source: string): DataTest =>
  sanity(
    model,
    `one row per ${source} row`,
    `SELECT (SELECT count(*) FROM {t}) = (SELECT count(*) FROM ${source})`,
  );
const dimension = (name: string, key: string, column: string): DataTest[] => [
  notNull(`intermediate.${name}`, [key, column]),
  unique(`intermediate.${name}`, [key]),
  unique(`intermediate.${name}`, [column]),
];
const intermediate: DataTest[] = [
  ...dimension('neighbourhoods', 'neighbourhood_key', 'neighbourhood'),
  ...dimension('age_bands', 'age_band_key', 'age_band'),
  ...dimension('specialties', 'specialty_key', 'specialty'),
  ...dimension('codes', 'code_key', 'icd10_code'),
  ...dimension('months', 'month_key', 'month'),
  // Not null keys: every appointment found its month and its patient's band and neighbourhood, every
  // diagnosis its keys.
  notNull('intermediate.appointments', [
    'appointment_id',
    'month_key',
    'age_band_key',
    'neighbourhood_key',
    'lead_band',
  ]),
  sameRows('intermediate.appointments', 'staging.appointments'),
  // Exact for the cheap flag (26k month–doctor pairs); the patient flags, whose exact check would cost what
  // they save, are checked by the pipeline tests (every mart against values computed in TypeScript).
  sanity(
    'intermediate.appointments',
    'one first-of-month flag per doctor and month',
    'SELECT coalesce(sum(first_of_doctor_in_month), 0) = (SELECT count(*) FROM (SELECT DISTINCT month_key, doctor_id FROM {t}) AS x) FROM {t}',
  ),
  sanity(
    'intermediate.appointments',
    'patient flags set',
    'SELECT count(*) = 0 OR (sum(first_of_patient_in_month) > 0 AND sum(first_with_doctor) > 0) FROM {t}',
  ),
  notNull('intermediate.records', ['record_id', 'specialty_key', 'month_key', 'code_key']),
  sameRows('intermediate.records', 'staging.records'),
];

const rate = (model: string): DataTest =>
  sanity(
    model,
    'rate within 0–1',
    'SELECT count(*) FILTER (WHERE no_show_rate < 0 OR no_show_rate > 1) = 0 FROM {t}',
  );
const allBooked = (model: string): DataTest =>
  sanity(
    model,
    'every attended or missed appointment counted once',
    "SELECT (SELECT sum(appointments) FROM {t}) = (SELECT count(*) FROM staging.appointments WHERE status <> 'cancelled')",
  );

const marts: DataTest[] = [
  notNull('marts.monthly_aggregates', ['month', 'appointments', 'patients', 'doctors']),
  unique('marts.monthly_aggregates', ['month']),
  sanity(
    'marts.monthly_aggregates',
    'sums to all appointments',
    'SELECT (SELECT sum(appointments) FROM {t}) = (SELECT count(*) FROM staging.appointments)',
  ),
  notNull('marts.doctor_performance', ['doctor_id', 'specialty', 'appointments', 'total_billing']),
  unique('marts.doctor_performance', ['doctor_id']),
  relationship('marts.doctor_performance', 'doctor_id', 'staging.doctors', 'doctor_id'),
  sanity(
    'marts.doctor_performance',
    'one row per doctor',
    'SELECT (SELECT count(*) FROM {t}) = (SELECT count(*) FROM staging.doctors)',
  ),
  notNull('marts.patient_doctor_interactions', ['patient_id', 'doctor_id', 'visits', 'last_visit_date']),
  unique('marts.patient_doctor_interactions', ['patient_id', 'doctor_id']),
  relationship('marts.patient_doctor_interactions', 'patient_id', 'staging.patients', 'patient_id'),
  relationship('marts.patient_doctor_interactions', 'doctor_id', 'staging.doctors', 'doctor_id'),
  sanity(
    'marts.patient_doctor_interactions',
    'visits sum to completed appointments',
    "SELECT (SELECT coalesce(sum(visits), 0) FROM {t}) = (SELECT count(*) FROM staging.appointments WHERE status = 'completed')",
  ),
  notNull('marts.conditions_per_month', ['month', 'icd10_code', 'diagnoses']),
  unique('marts.conditions_per_month', ['month', 'icd10_code']),
  sanity(
    'marts.conditions_per_month',
    'sums to all diagnoses',
    'SELECT (SELECT coalesce(sum(diagnoses), 0) FROM {t}) = (SELECT count(*) FROM staging.records)',
  ),
  notNull('marts.conditions_by_specialty', ['specialty', 'icd10_code', 'diagnoses']),
  unique('marts.conditions_by_specialty', ['specialty', 'icd10_code']),
  sanity(
    'marts.conditions_by_specialty',
    'sums to all diagnoses',
    'SELECT (SELECT coalesce(sum(diagnoses), 0) FROM {t}) = (SELECT count(*) FROM staging.records)',
  ),
  notNull('marts.appointments_per_doctor_day', ['doctor_id', 'day', 'appointments']),
  unique('marts.appointments_per_doctor_day', ['doctor_id', 'day']),
  relationship('marts.appointments_per_doctor_day', 'doctor_id', 'staging.doctors', 'doctor_id'),
  sanity('marts.appointments_per_patient', 'exactly one row', 'SELECT count(*) = 1 FROM {t}'),
  notNull('marts.appointments_per_patient', ['patients', 'appointments']),
  notNull('marts.billing_per_patient_doctor', [
    'doctor_id',
    'specialty',
    'patients',
    'avg_billing_per_patient',
  ]),
  unique('marts.billing_per_patient_doctor', ['doctor_id']),
  relationship('marts.billing_per_patient_doctor', 'doctor_id', 'staging.doctors', 'doctor_id'),
  notNull('marts.no_show_by_lead_time', ['lead_time', 'appointments', 'no_show_rate']),
  unique('marts.no_show_by_lead_time', ['lead_time']),
  acceptedValues('marts.no_show_by_lead_time', 'lead_time', LEAD_TIMES),
  rate('marts.no_show_by_lead_time'),
  allBooked('marts.no_show_by_lead_time'),
  notNull('marts.no_show_by_age_band', ['age_band', 'appointments', 'no_show_rate']),
  unique('marts.no_show_by_age_band', ['age_band']),
  acceptedValues('marts.no_show_by_age_band', 'age_band', AGE_BANDS),
  rate('marts.no_show_by_age_band'),
  allBooked('marts.no_show_by_age_band'),
  notNull('marts.no_show_by_neighbourhood', ['neighbourhood', 'appointments', 'no_show_rate']),
  unique('marts.no_show_by_neighbourhood', ['neighbourhood']),
  rate('marts.no_show_by_neighbourhood'),
  allBooked('marts.no_show_by_neighbourhood'),
];

export const DATA_TESTS: readonly DataTest[] = [...staging, ...intermediate, ...marts];

export const testsOf = (modelId: string): DataTest[] => DATA_TESTS.filter((t) => t.model === modelId);
