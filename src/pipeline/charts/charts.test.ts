/** Render and inspect: real vega + resvg output, checked as a reader of the PNG or SVG would. */
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import {
  appointmentsOverTimeChart,
  billingPerDoctorChart,
  conditionsBySpecialtyChart,
  type BillingPerDoctorRow,
  type RenderedChart,
} from './index.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Every text element's content, entities decoded. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1]!
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&quot;', '"')
      .replaceAll('&#39;', "'")
      .replaceAll('&amp;', '&'),
  );
}

function expectPng(chart: RenderedChart): void {
  expect(chart.png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  // IHDR: width and height are the first two fields after the chunk header.
  expect(chart.png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  expect(chart.png.readUInt32BE(16)).toBe(chart.width);
  expect(chart.png.readUInt32BE(20)).toBe(chart.height);
  const svgWidth = Number(/<svg[^>]* width="(\d+(?:\.\d+)?)"/.exec(chart.svg)?.[1]);
  const svgHeight = Number(/<svg[^>]* height="(\d+(?:\.\d+)?)"/.exec(chart.svg)?.[1]);
  expect(chart.width).toBe(Math.round(svgWidth * 2));
  expect(chart.height).toBe(Math.round(svgHeight * 2));
}

const doctors: BillingPerDoctorRow[] = [
  { doctor: 'Dr. Ana Souza', specialty: 'Cardiology', avgBillingPerPatient: 1240.5 },
  { doctor: "Dr. Liam O'Brien & Partner", specialty: 'Dermatology', avgBillingPerPatient: 310 },
  { doctor: 'Dr. Mei Chen', specialty: 'Cardiology', avgBillingPerPatient: 980 },
  { doctor: 'Dr. João Pereira', specialty: 'Pediatrics', avgBillingPerPatient: 455.25 },
];

describe('billing per doctor chart', () => {
  it('is a PNG of the SVG size at 2×, with the axis titles, doctors and specialties as text', async () => {
    const chart = await billingPerDoctorChart(doctors);
    expectPng(chart);
    const labels = texts(chart.svg);
    expect(labels).toEqual(
      expect.arrayContaining([
        'Average billing per patient, by doctor',
        'Doctor',
        'Average billing per patient (USD)',
        'Specialty',
        'Cardiology',
        'Dermatology',
        'Pediatrics',
        'Dr. Ana Souza',
        "Dr. Liam O'Brien & Partner",
        'Dr. João Pereira',
      ]),
    );
    // Highest first: the doctor labels run top to bottom by billing.
    const order = labels.filter((t) => t.startsWith('Dr. '));
    expect(order).toEqual([
      'Dr. Ana Souza',
      'Dr. Mei Chen',
      'Dr. João Pereira',
      "Dr. Liam O'Brien & Partner",
    ]);
  });

  it('draws the text into the PNG (a font-less render of the same SVG differs)', async () => {
    const chart = await billingPerDoctorChart(doctors, { scale: 1 });
    const bare = new Resvg(chart.svg, { font: { loadSystemFonts: false } }).render();
    expect(bare.width).toBe(chart.width);
    expect(chart.png.equals(bare.asPng())).toBe(false);
    // And the text is not drawn twice at random: rendering is deterministic.
    expect((await billingPerDoctorChart(doctors, { scale: 1 })).png.equals(chart.png)).toBe(true);
  });

  it('shows the top doctors only and says so', async () => {
    const many = Array.from({ length: 30 }, (_, i) => ({
      doctor: `Doctor ${String(i).padStart(2, '0')}`,
      specialty: i % 2 ? 'Neurology' : 'Oncology',
      avgBillingPerPatient: 100 + i,
    }));
    const chart = await billingPerDoctorChart(many, { limit: 10, currency: 'BRL' });
    const labels = texts(chart.svg);
    expect(labels).toContain('Average billing per patient, by doctor (top 10 of 30)');
    expect(labels).toContain('Average billing per patient (BRL)');
    expect(labels.filter((t) => t.startsWith('Doctor ')).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `Doctor ${String(20 + i)}`),
    );
  });
});

describe('appointments over time chart', () => {
  it('has date and count axes with dated labels', async () => {
    const rows = Array.from({ length: 14 }, (_, i) => ({
      date: `2026-11-${String(i + 1).padStart(2, '0')}`,
      appointments: 40 + ((i * 7) % 13),
    }));
    const chart = await appointmentsOverTimeChart(rows.reverse());
    expectPng(chart);
    const labels = texts(chart.svg);
    expect(labels).toEqual(expect.arrayContaining(['Appointments over time', 'Date', 'Appointments']));
    expect(labels.some((t) => /^2026-11-\d\d$/.test(t))).toBe(true);
  });
});

describe('conditions by specialty chart', () => {
  it('stacks the most frequent conditions and folds the rest into "Other conditions"', async () => {
    const rows = [
      { specialty: 'Cardiology', condition: 'Hypertension', count: 50 },
      { specialty: 'Cardiology', condition: 'Atrial fibrillation', count: 20 },
      { specialty: 'Endocrinology', condition: 'Type 2 diabetes', count: 40 },
      { specialty: 'Endocrinology', condition: 'Hypothyroidism', count: 3 },
      { specialty: 'Cardiology', condition: 'Rare thing', count: 1 },
    ];
    const chart = await conditionsBySpecialtyChart(rows, { limit: 3 });
    expectPng(chart);
    const labels = texts(chart.svg);
    expect(labels).toEqual(
      expect.arrayContaining([
        'Conditions by specialty',
        'Specialty',
        'Diagnoses',
        'Condition',
        'Cardiology',
        'Endocrinology',
        'Hypertension',
        'Type 2 diabetes',
        'Atrial fibrillation',
        'Other conditions',
      ]),
    );
    expect(labels).not.toContain('Hypothyroidism');
    expect(labels).not.toContain('Rare thing');
  });
});
