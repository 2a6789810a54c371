/**
 * notify: the summary and charts go to the staff channels as a `pipeline.report` outbox event, which the
 * notifications module fans out to the operations Slack webhook, Telegram chat and email (with the PNGs
 * attached). The event and this step's "done" commit in one transaction: a resumed run never sends twice.
 */
import { enqueue } from '../../server/events/outbox.ts';
import type { StepFn } from '../runner/context.ts';

interface Reported {
  title: string;
  summary: string;
  charts: { key: string; filename: string }[];
}

export const notify: StepFn = async (ctx, io) => {
  const report = io.outputs.report as unknown as Reported;
  const attachments: { filename: string; contentType: string; contentBase64: string }[] = [];
  for (const chart of report.charts) {
    const bytes = await ctx.store.get(chart.key);
    attachments.push({
      filename: chart.filename,
      contentType: 'image/png',
      contentBase64: Buffer.from(bytes).toString('base64'),
    });
  }
  const output = { topic: 'pipeline.report', attachments: attachments.length };
  await ctx.db.transaction(async (tx) => {
    await enqueue(tx, {
      topic: 'pipeline.report',
      payload: { title: report.title, summary: report.summary, runId: io.runId, date: io.date, attachments },
    });
    await io.midway();
    await io.recordIn(tx, output);
  });
  io.log(`queued the report for the staff channels with ${String(attachments.length)} chart(s)`);
  return output;
};
