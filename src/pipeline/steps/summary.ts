/** The run's short summary, from the published marts: aggregates only, no patient-level data. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { rows } from '../warehouse/duck.ts';

export interface Summary {
  readonly title: string;
  readonly text: string;
  readonly figures: Record<string, string | number>;
}

export async function buildSummary(connection: DuckDBConnection, date: string): Promise<Summary> {
  const [totals] = await rows(
    connection,
    `SELECT sum(appointments) AS appointments, sum(completed) AS completed, sum(no_shows) AS no_shows,
            sum(cancelled) AS cancelled, min(month) AS first_month, max(month) AS last_month
       FROM marts.monthly_aggregates`,
  );
  const [perPatient] = await rows(
    connection,
    'SELECT patients, avg_per_patient FROM marts.appointments_per_patient',
  );
  const top = await rows(
    connection,
    `SELECT doctor_name, specialty, avg_billing_per_patient FROM marts.billing_per_patient_doctor
      ORDER BY avg_billing_per_patient DESC, doctor_id LIMIT 3`,
  );
  const [billing] = await rows(
    connection,
    'SELECT sum(total_billing) AS billed FROM marts.doctor_performance',
  );
  const attended = Number(totals?.completed ?? 0) + Number(totals?.no_shows ?? 0);
  const noShowRate = attended > 0 ? Number(totals?.no_shows ?? 0) / attended : 0;
  const figures = {
    appointments: Number(totals?.appointments ?? 0),
    completed: Number(totals?.completed ?? 0),
    noShows: Number(totals?.no_shows ?? 0),
    cancelled: Number(totals?.cancelled ?? 0),
    noShowRate: Number(noShowRate.toFixed(4)),
    patients: Number(perPatient?.patients ?? 0),
    avgAppointmentsPerPatient: String(perPatient?.avg_per_patient ?? '0'),
    billed: String(billing?.billed ?? '0'),
  };
  const lines = [
    `${figures.appointments.toLocaleString('en')} appointments from ${String(totals?.first_month)} to ${String(totals?.last_month)}: ` +
      `${figures.completed.toLocaleString('en')} attended, ${figures.noShows.toLocaleString('en')} no-shows ` +
      `(${(noShowRate * 100).toFixed(1)} %), ${figures.cancelled.toLocaleString('en')} cancelled.`,
    `${figures.patients.toLocaleString('en')} patients, ${figures.avgAppointmentsPerPatient} appointments each on average; BRL ${figures.billed} billed.`,
    `Highest average billing per patient: ${top.map((t) => `${String(t.doctor_name)} (${String(t.specialty)}) BRL ${String(t.avg_billing_per_patient)}`).join('; ')}.`,
  ];
  return { title: `Health Synth ${date}`, text: lines.join('\n'), figures };
}
