/**
 * report: the run's summary (from the published marts) and its charts, written to the object store under
 * `reports/date=<D>/`. The charts come from the chart renderer (src/pipeline/charts) fed with mart rows.
 */
import type { StepFn } from '../runner/context.ts';
import { chartsFor } from './charts.ts';
import { buildSummary } from './summary.ts';

export const reportKey = (date: string, file: string) => `reports/date=${date}/${file}`;

export const report: StepFn = async (ctx, io) => {
  const duck = await io.warehouse();
  const summary = await buildSummary(duck.connection, io.date);
  const charts = [];
  for (const { filename, chart } of await chartsFor(duck.connection)) {
    const key = reportKey(io.date, filename);
    await ctx.store.put(key, chart.png);
    await ctx.store.put(key.replace(/\.png$/, '.svg'), new TextEncoder().encode(chart.svg));
    charts.push({ key, filename, width: chart.width, height: chart.height });
  }
  await io.midway();
  await ctx.store.put(
    reportKey(io.date, 'summary.txt'),
    new TextEncoder().encode(`${summary.title}\n\n${summary.text}\n`),
  );
  io.log(`wrote the summary and ${String(charts.length)} chart(s)`);
  return { title: summary.title, summary: summary.text, figures: summary.figures, charts };
};
