/**
 * The distribution report (`healthsync generate --report`): the rates the generator achieved beside the
 * targets it was built to hit, so anyone can see the data is what it claims to be. Pure.
 */
import { AGE_GROUPS, CANCELLATION_RATE, LEAD_BUCKETS, NO_SHOW_TARGET } from './noshow.ts';
import { DIABETES_BY_AGE, HYPERTENSION_BY_AGE, MAX_AGE, PYRAMID } from './population.ts';
import { SPECIALTIES } from './specialties.ts';
import { rate, type Stats } from './stats.ts';

export interface ReportLine {
  readonly section: string;
  readonly metric: string;
  /** A share (0–1), a count or an amount, as its `unit` says. */
  readonly achieved: number;
  readonly target: string;
  readonly unit: 'share' | 'number' | 'BRL';
}

const share = (section: string, metric: string, achieved: number, target: string): ReportLine => ({
  section,
  metric,
  achieved,
  target,
  unit: 'share',
});
const pct = (value: number): string => `${(value * 100).toFixed(1)} %`;

export function buildReport(stats: Stats, days: number): ReportLine[] {
  return [
    ...populationLines(stats),
    ...conditionLines(stats, 'hypertension', HYPERTENSION_BY_AGE, stats.hypertensionByAge),
    ...conditionLines(stats, 'diabetes', DIABETES_BY_AGE, stats.diabetesByAge),
    ...noShowLines(stats),
    ...scheduleLines(stats, days),
    ...billingLines(stats),
  ];
}

function censusShare(test: (fromAge: number, sex: string) => boolean): number {
  return PYRAMID.reduce((sum, cell) => sum + (test(cell.fromAge, cell.sex) ? cell.share : 0), 0);
}

function populationLines(stats: Stats): ReportLine[] {
  const achieved = (test: (fromAge: number, sex: string) => boolean): number =>
    rate(
      PYRAMID.reduce((sum, cell, i) => sum + (test(cell.fromAge, cell.sex) ? (stats.byCell[i] ?? 0) : 0), 0),
      stats.patients,
    );
  const groups: [string, (a: number, s: string) => boolean][] = [
    ['women', (_a, s) => s === 'F'],
    ['aged 0–14', (a) => a < 15],
    ['aged 15–64', (a) => a >= 15 && a < 65],
    ['aged 65+', (a) => a >= 65],
  ];
  return groups.map(([metric, test]) =>
    share('patients (census 2022)', metric, achieved(test), pct(censusShare(test))),
  );
}

function conditionLines(
  stats: Stats,
  name: string,
  steps: readonly (readonly [number, number])[],
  counts: Float64Array,
): ReportLine[] {
  return steps.map(([from, target], i) => {
    const to = (steps[i + 1]?.[0] ?? MAX_AGE + 1) - 1;
    let people = 0;
    let ill = 0;
    for (let age = from; age <= to; age++) {
      people += stats.byAge[age] ?? 0;
      ill += counts[age] ?? 0;
    }
    const ages = to >= MAX_AGE ? `${from}+` : `${from}–${to}`;
    return share(`${name} by age`, `aged ${ages}`, rate(ill, people), pct(target));
  });
}

function noShowLines(stats: Stats): ReportLine[] {
  const section = (
    label: string,
    names: readonly string[],
    missed: Float64Array,
    total: Float64Array,
    trends: readonly string[],
  ) => names.map((name, i) => share(label, name, rate(missed[i] ?? 0, total[i] ?? 0), trends[i] ?? '↑'));
  return [
    share(
      'no-shows',
      'all appointments',
      rate(stats.noShows, stats.appointments),
      `${pct(NO_SHOW_TARGET.rate)} (${pct(NO_SHOW_TARGET.min)}–${pct(NO_SHOW_TARGET.max)})`,
    ),
    share(
      'no-shows',
      'appointments not cancelled',
      rate(stats.noShows, stats.appointments - stats.cancelled),
      'about the same',
    ),
    ...section('no-shows by lead time', LEAD_BUCKETS, stats.noShowByLead, stats.dueByLead, [
      'lowest; rises with lead time',
    ]),
    ...section(
      'no-shows, booked 2+ days ahead',
      ['no SMS', 'SMS reminder'],
      stats.noShowBySms,
      stats.dueBySms,
      ['higher', 'lower'],
    ),
    ...section(
      'no-shows by earlier no-shows',
      ['none', 'one', 'two or more'],
      stats.noShowByPrior,
      stats.dueByPrior,
      ['lowest; rises'],
    ),
    ...section('no-shows by age', AGE_GROUPS, stats.noShowByAge, stats.dueByAge, AGE_TRENDS),
  ];
}

const AGE_TRENDS = ['below average', 'above average', 'highest', 'about average', 'lowest'];

function scheduleLines(stats: Stats, days: number): ReportLine[] {
  const number = (section: string, metric: string, achieved: number, target: string): ReportLine => ({
    section,
    metric,
    achieved,
    target,
    unit: 'number',
  });
  return [
    number('appointments', 'appointments', stats.appointments, ''),
    number(
      'appointments',
      'per patient per year',
      rate(stats.appointments, stats.patients) * (365 / days),
      'about 5',
    ),
    share('appointments', 'cancelled', rate(stats.cancelled, stats.appointments), pct(CANCELLATION_RATE)),
    number(
      'appointments',
      'wanted visits with no free slot',
      stats.unplacedVisits,
      `about 0 (of ${stats.wantedVisits.toLocaleString('en')} wanted)`,
    ),
    share(
      'appointments',
      "doctors' slots booked",
      rate(stats.bookedSlots, stats.totalSlots),
      'about 60 % (less under 4,000 patients: 8 doctors at least)',
    ),
    number(
      'records',
      'diagnoses per attended visit',
      rate(stats.records, stats.appointments - stats.cancelled - stats.noShows),
      'about 1.4',
    ),
  ];
}

function billingLines(stats: Stats): ReportLine[] {
  return SPECIALTIES.flatMap((s, i) => {
    const visits = stats.visitsBySpecialty[i] ?? 0;
    if (visits === 0) return [];
    return [
      {
        section: 'billing, first diagnosis (mean)',
        metric: s.name,
        achieved: rate(stats.billingBySpecialty[i] ?? 0, visits) / 100,
        target: `fee ${(s.feeCents / 100).toFixed(2)} + work-up`,
        unit: 'BRL' as const,
      },
    ];
  });
}

export function formatReport(lines: readonly ReportLine[]): string {
  const out: string[] = [];
  let section = '';
  for (const line of lines) {
    if (line.section !== section) {
      section = line.section;
      out.push('', section);
    }
    const value =
      line.unit === 'share'
        ? pct(line.achieved)
        : line.unit === 'BRL'
          ? line.achieved.toFixed(2)
          : Number.isInteger(line.achieved)
            ? line.achieved.toLocaleString('en')
            : line.achieved.toFixed(2);
    out.push(
      `  ${line.metric.padEnd(32)} ${value.padStart(12)}   ${line.target ? `target ${line.target}` : ''}`.trimEnd(),
    );
  }
  return `Distribution report (achieved vs target)\n${out.join('\n')}\n`;
}
