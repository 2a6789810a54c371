import { describe, expect, it } from 'vitest';
import { CATALOGUE, FILE_NAMES } from './columns.ts';
import { generateSample, generateText, settings, sha256 } from './test-support.ts';

const sample = generateSample(settings({ patients: 2000 }));
const { rows } = sample;

describe('generate: determinism', () => {
  it('gives byte-identical files for the same settings, however the work is batched', () => {
    const first = generateText(settings({ patients: 600 }), 50);
    const again = generateText(settings({ patients: 600 }), 600);
    for (const name of FILE_NAMES) expect(sha256(again[name]), name).toBe(sha256(first[name]));
  });

  it('gives different data for another seed, period or size', () => {
    const base = generateText(settings({ patients: 300 }));
    const variants = [
      settings({ patients: 300, seed: 8 }),
      settings({ patients: 300, start: { year: 2025, month: 2, day: 1 } }),
      settings({ patients: 300, days: 200 }),
    ];
    for (const variant of variants) {
      expect(sha256(generateText(variant).appointments)).not.toBe(sha256(base.appointments));
    }
  });
});

describe('generate: files and columns', () => {
  it('writes exactly the catalogue columns, Health Synth names first', () => {
    for (const spec of CATALOGUE) {
      const header = sample.text[spec.name].split('\n', 1)[0];
      expect(header).toBe(spec.columns.map((c) => c.name).join(','));
    }
    expect(Object.keys(rows.patients[0] ?? {}).slice(0, 10)).toEqual([
      'PatientID',
      'Gender',
      'Age',
      'Neighbourhood',
      'Scholarship',
      'Hipertension',
      'Diabetes',
      'Alcoholism',
      'Handcap',
      'VisitDate',
    ]);
    expect(Object.keys(rows.appointments[0] ?? {}).slice(0, 5)).toEqual([
      'AppointmentID',
      'PatientID',
      'ScheduledDay',
      'AppointmentDay',
      'NoShow',
    ]);
    expect(Object.keys(rows.doctors[0] ?? {}).slice(0, 5)).toEqual([
      'DoctorID',
      'DoctorName',
      'Specialty',
      'ClinicID',
      'Availability',
    ]);
    expect(Object.keys(rows.records[0] ?? {}).slice(0, 5)).toEqual([
      'PatientID',
      'DoctorID',
      'LastReportDate',
      'HealthDisease',
      'LastBilling',
    ]);
  });

  it('scales the other entities from the patients: ~1 doctor per 500, 8–15 doctors per clinic', () => {
    const big = settings({ patients: 60_000 });
    expect(big.doctors).toBe(120);
    const perClinic = big.doctors / big.clinics;
    expect(perClinic).toBeGreaterThanOrEqual(8);
    expect(perClinic).toBeLessThanOrEqual(15);
    expect(rows.patients).toHaveLength(2000);
    expect(rows.doctors).toHaveLength(8);
    expect(rows.clinics).toHaveLength(1);
    expect(rows.appointments.length / rows.patients.length).toBeGreaterThan(4);
    expect(rows.appointments.length / rows.patients.length).toBeLessThan(6.5);
  });

  it('numbers every file from 1 without gaps, and every id points at an existing row', () => {
    const ids = (file: keyof typeof rows, column: string) => rows[file].map((r) => Number(r[column]));
    for (const [file, column] of [
      ['clinics', 'ClinicID'],
      ['doctors', 'DoctorID'],
      ['patients', 'PatientID'],
      ['appointments', 'AppointmentID'],
      ['records', 'RecordID'],
    ] as const) {
      expect(ids(file, column)).toEqual(ids(file, column).map((_, i) => i + 1));
    }
    const has = (file: keyof typeof rows, column: string) => new Set(rows[file].map((r) => r[column]));
    const clinics = has('clinics', 'ClinicID');
    const doctors = new Map(rows.doctors.map((d) => [d.DoctorID, d]));
    const appointments = new Map(rows.appointments.map((a) => [a.AppointmentID, a]));
    for (const d of rows.doctors) expect(clinics.has(d.ClinicID)).toBe(true);
    for (const p of rows.patients) expect(clinics.has(p.ClinicID)).toBe(true);
    const patients = has('patients', 'PatientID');
    const broken = [
      ...rows.appointments.filter(
        (a) => !patients.has(a.PatientID) || doctors.get(a.DoctorID ?? '')?.ClinicID !== a.ClinicID,
      ),
      ...rows.records.filter((r) => {
        const a = appointments.get(r.AppointmentID ?? '');
        return !a || a.PatientID !== r.PatientID || a.DoctorID !== r.DoctorID || a.ClinicID !== r.ClinicID;
      }),
    ];
    expect(broken).toEqual([]);
  });

  it('writes records only for attended visits, dated on the visit, rank 1 first', () => {
    const appointments = new Map(rows.appointments.map((a) => [a.AppointmentID, a]));
    const ranks = new Map<string, number[]>();
    for (const r of rows.records) {
      const a = appointments.get(r.AppointmentID ?? '');
      expect(a?.Status).toBe('completed');
      expect(r.LastReportDate).toBe(a?.AppointmentDay);
      ranks.set(r.AppointmentID ?? '', [
        ...(ranks.get(r.AppointmentID ?? '') ?? []),
        Number(r.DiagnosisRank),
      ]);
    }
    for (const list of ranks.values()) expect(list).toEqual(list.map((_, i) => i + 1));
    const completed = rows.appointments.filter((a) => a.Status === 'completed');
    expect(ranks.size).toBe(completed.length);
    const perVisit = rows.records.length / completed.length;
    expect(perVisit).toBeGreaterThan(1.2);
    expect(perVisit).toBeLessThan(1.6);
  });

  it("sets each patient's VisitDate to their last attended visit, empty when none", () => {
    const last = new Map<string, string>();
    for (const a of rows.appointments) {
      if (a.Status === 'completed' && (last.get(a.PatientID ?? '') ?? '') < (a.AppointmentDay ?? '')) {
        last.set(a.PatientID ?? '', a.AppointmentDay ?? '');
      }
    }
    const wrong = rows.patients.filter((p) => p.VisitDate !== (last.get(p.PatientID ?? '') ?? ''));
    expect(wrong).toEqual([]);
    expect(rows.patients.some((p) => p.VisitDate === '')).toBe(true);
  });
});
