/**
 * The report's charts: rows of the published marts handed to the chart renderer (src/pipeline/charts):
 * average billing per patient by doctor (coloured by specialty), appointments per day, conditions by specialty.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  appointmentsOverTimeChart,
  billingPerDoctorChart,
  conditionsBySpecialtyChart,
  type RenderedChart,
} from '../charts/index.ts';
import { ident, rows, type Row } from '../warehouse/duck.ts';

export interface NamedChart {
  readonly filename: string;
  readonly chart: RenderedChart;
}

/** The report's charts and the mart each is drawn from. */
export const CHARTS = {
  'billing-per-doctor': 'billing_per_patient_doctor',
  'appointments-over-time': 'appointments_per_doctor_day',
  'conditions-by-specialty': 'conditions_by_specialty',
} as const;
export type ChartName = keyof typeof CHARTS;

/** The chart of a mart's rows, or undefined when the mart has no chart. */
export async function chartOfMart(mart: string, data: readonly Row[]): Promise<RenderedChart | undefined> {
  if (mart === CHARTS['billing-per-doctor']) {
    return billingPerDoctorChart(
      data.map((r) => ({
        doctor: String(r.doctor_name),
        specialty: String(r.specialty),
        avgBillingPerPatient: Number(r.avg_billing_per_patient),
      })),
      { currency: 'BRL' },
    );
  }
  if (mart === CHARTS['appointments-over-time']) {
    const perDay = new Map<string, number>();
    for (const r of data)
      perDay.set(String(r.day), (perDay.get(String(r.day)) ?? 0) + Number(r.appointments));
    return appointmentsOverTimeChart([...perDay].map(([date, appointments]) => ({ date, appointments })));
  }
  if (mart === CHARTS['conditions-by-specialty']) {
    return conditionsBySpecialtyChart(
      data.map((r) => ({
        specialty: String(r.specialty),
        condition: String(r.diagnosis),
        count: Number(r.diagnoses),
      })),
    );
  }
  return undefined;
}

/** The report's charts, from the published marts of the warehouse. */
export async function chartsFor(connection: DuckDBConnection): Promise<NamedChart[]> {
  const out: NamedChart[] = [];
  for (const [name, mart] of Object.entries(CHARTS)) {
    const data = await rows(connection, `SELECT * FROM marts.${ident(mart)}`);
    out.push({ filename: `${name}.png`, chart: (await chartOfMart(mart, data))! });
  }
  return out;
}
