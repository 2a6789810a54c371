/**
 * The pipeline's report charts, as PNG (for Slack, Telegram, email) and SVG (for the web and for checking
 * that labels are there). Inputs are plain rows, shaped like the marts' rows; callers pass what they have
 * and the chart sorts, limits and labels it.
 */
import type { TopLevelSpec } from 'vega-lite';
import { BASE_CONFIG, renderChart, type RenderedChart, type RenderOptions } from './render.ts';

export { renderChart, CHART_FONT, type RenderedChart, type RenderOptions } from './render.ts';

/** One doctor's average billing per patient (mart: average billing per patient per doctor). */
export interface BillingPerDoctorRow {
  doctor: string;
  specialty: string;
  avgBillingPerPatient: number;
}

/** Appointments on one day (`date` as YYYY-MM-DD). */
export interface AppointmentsPerDayRow {
  date: string;
  appointments: number;
}

/** How many diagnoses of one condition the doctors of one specialty made. */
export interface ConditionsBySpecialtyRow {
  specialty: string;
  condition: string;
  count: number;
}

export interface ChartOptions extends RenderOptions {
  title?: string;
  /** Currency code for money axes (default USD). */
  currency?: string;
  /** Bars shown at most (the highest ones); default 25 doctors, 8 conditions. */
  limit?: number;
}

/** Horizontal bars, one per doctor, highest first, coloured by specialty. */
export async function billingPerDoctorChart(
  rows: readonly BillingPerDoctorRow[],
  options: ChartOptions = {},
): Promise<RenderedChart> {
  const limit = options.limit ?? 25;
  const top = [...rows]
    .sort((a, b) => b.avgBillingPerPatient - a.avgBillingPerPatient || a.doctor.localeCompare(b.doctor))
    .slice(0, limit);
  const shown = top.length < rows.length ? ` (top ${String(top.length)} of ${String(rows.length)})` : '';
  const spec: TopLevelSpec = {
    config: BASE_CONFIG,
    title: (options.title ?? 'Average billing per patient, by doctor') + shown,
    width: 520,
    height: { step: 18 },
    data: { values: top.map((r) => ({ ...r })) },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field: 'doctor', type: 'nominal', title: 'Doctor', sort: '-x' },
      x: {
        field: 'avgBillingPerPatient',
        type: 'quantitative',
        title: `Average billing per patient (${options.currency ?? 'USD'})`,
        axis: { format: ',.0f' },
      },
      color: { field: 'specialty', type: 'nominal', title: 'Specialty' },
    },
  };
  return renderChart(spec, options);
}

/** A line of appointments per day. */
export async function appointmentsOverTimeChart(
  rows: readonly AppointmentsPerDayRow[],
  options: ChartOptions = {},
): Promise<RenderedChart> {
  const spec: TopLevelSpec = {
    config: BASE_CONFIG,
    title: options.title ?? 'Appointments over time',
    width: 640,
    height: 300,
    data: { values: [...rows].sort((a, b) => a.date.localeCompare(b.date)).map((r) => ({ ...r })) },
    mark: { type: 'line', point: rows.length <= 60 },
    encoding: {
      x: { field: 'date', type: 'temporal', title: 'Date', axis: { format: '%Y-%m-%d', labelAngle: -40 } },
      y: { field: 'appointments', type: 'quantitative', title: 'Appointments' },
    },
  };
  return renderChart(spec, options);
}

/**
 * Stacked bars per specialty: the most frequent conditions overall get their own colour, the rest are
 * summed as "Other conditions" so the legend stays readable.
 */
export async function conditionsBySpecialtyChart(
  rows: readonly ConditionsBySpecialtyRow[],
  options: ChartOptions = {},
): Promise<RenderedChart> {
  const limit = options.limit ?? 8;
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.condition, (totals.get(r.condition) ?? 0) + r.count);
  const kept = new Set(
    [...totals]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, limit)
      .map(([c]) => c),
  );
  const values = new Map<string, { specialty: string; condition: string; count: number }>();
  for (const r of rows) {
    const condition = kept.has(r.condition) ? r.condition : 'Other conditions';
    const key = `${r.specialty}\u0000${condition}`;
    const entry = values.get(key) ?? { specialty: r.specialty, condition, count: 0 };
    entry.count += r.count;
    values.set(key, entry);
  }
  const spec: TopLevelSpec = {
    config: BASE_CONFIG,
    title: options.title ?? 'Conditions by specialty',
    width: 520,
    height: { step: 22 },
    data: { values: [...values.values()] },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field: 'specialty', type: 'nominal', title: 'Specialty', sort: '-x' },
      x: { aggregate: 'sum', field: 'count', type: 'quantitative', title: 'Diagnoses' },
      color: { field: 'condition', type: 'nominal', title: 'Condition', sort: [...kept, 'Other conditions'] },
      order: { aggregate: 'sum', field: 'count', sort: 'descending' },
    },
  };
  return renderChart(spec, options);
}
