import { describe, expect, it } from 'vitest';
import { buildReport, formatReport } from './report.ts';
import { generateSample, settings } from './test-support.ts';

const { generator, rows } = generateSample(settings({ patients: 1500 }));
const report = buildReport(generator.stats, 365);
const line = (section: string, metric: string) =>
  report.find((l) => l.section === section && l.metric === metric);

describe('distribution report', () => {
  it('reports what is in the files', () => {
    const noShows = rows.appointments.filter((a) => a.NoShow === 'Yes').length;
    expect(line('no-shows', 'all appointments')?.achieved).toBeCloseTo(
      noShows / rows.appointments.length,
      10,
    );
    const women = rows.patients.filter((p) => p.Gender === 'F').length;
    expect(line('patients (census 2022)', 'women')?.achieved).toBeCloseTo(women / rows.patients.length, 10);
    expect(line('appointments', 'appointments')?.achieved).toBe(rows.appointments.length);
    const cancelled = rows.appointments.filter((a) => a.Status === 'cancelled').length;
    expect(line('appointments', 'cancelled')?.achieved).toBeCloseTo(cancelled / rows.appointments.length, 10);
  });

  it('puts every rate beside its target, section by section', () => {
    const text = formatReport(report);
    expect(text).toMatch(/^Distribution report/);
    expect(text).toMatch(/\n {2}aged 65\+ +\d+\.\d %\s+target 61\.0 %/);
    for (const section of new Set(report.map((l) => l.section))) expect(text).toContain(`\n${section}\n`);
    expect(text).not.toContain('NaN');
  });
});
