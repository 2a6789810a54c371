import { describe, expect, it } from 'vitest';
import { CHRONIC, REASONS } from './diagnoses.ts';
import { NO_SHOW_TARGET } from './noshow.ts';
import { SPECIALTIES } from './specialties.ts';
import { generateSample, settings, type Row } from './test-support.ts';

const { rows } = generateSample(settings({ patients: 5000 }));
const DAY = 86_400_000;
const patients = new Map(rows.patients.map((p) => [p.PatientID, p]));
const doctors = new Map(rows.doctors.map((d) => [d.DoctorID, d]));
const clinics = new Map(rows.clinics.map((c) => [c.ClinicID, c]));
const due = rows.appointments.filter((a) => a.Status !== 'cancelled');

/** Lead time in whole days between the local booking date and the appointment date. */
const leadDays = (a: Row): number =>
  (Date.parse(a.AppointmentDay!) - Date.parse(a.ScheduledDay!.slice(0, 10))) / DAY;
const noShowRate = (list: readonly Row[]): number =>
  list.filter((a) => a.NoShow === 'Yes').length / list.length;

/** Each appointment with the number of earlier no-shows of the same patient, computed from the file. */
function withPriorNoShows(): { a: Row; prior: number }[] {
  const out: { a: Row; prior: number }[] = [];
  for (const group of Map.groupBy(rows.appointments, (a) => a.PatientID).values()) {
    let prior = 0;
    for (const a of [...group].sort((x, y) => Date.parse(x.StartsAt!) - Date.parse(y.StartsAt!))) {
      if (a.Status !== 'cancelled') out.push({ a, prior });
      if (a.NoShow === 'Yes') prior++;
    }
  }
  return out;
}

describe('visits: no-shows a model can learn', () => {
  it(`misses ${NO_SHOW_TARGET.min * 100}–${NO_SHOW_TARGET.max * 100} % of appointments, with statuses that agree`, () => {
    const rate = noShowRate(rows.appointments);
    expect(rate).toBeGreaterThanOrEqual(NO_SHOW_TARGET.min);
    expect(rate).toBeLessThanOrEqual(NO_SHOW_TARGET.max);
    for (const a of rows.appointments) expect(a.NoShow === 'Yes').toBe(a.Status === 'no_show');
    expect(new Set(rows.appointments.map((a) => a.Status))).toEqual(
      new Set(['completed', 'no_show', 'cancelled']),
    );
    expect(
      rows.appointments.filter((a) => a.Status === 'cancelled').length / rows.appointments.length,
    ).toBeLessThan(0.06);
  });

  it('books a third on the day and the rest days to months ahead; long waits are missed far more often', () => {
    const leads = due.map(leadDays);
    expect(leads.every((d) => Number.isInteger(d) && d >= 0 && d <= 180)).toBe(true);
    expect(leads.filter((d) => d === 0).length / leads.length).toBeCloseTo(0.3, 1);
    const sameDay = noShowRate(due.filter((a) => leadDays(a) === 0));
    const week = noShowRate(due.filter((a) => leadDays(a) >= 1 && leadDays(a) <= 7));
    const month = noShowRate(due.filter((a) => leadDays(a) > 30));
    expect(sameDay).toBeLessThan(0.1);
    expect(week).toBeGreaterThan(sameDay + 0.08);
    expect(month).toBeGreaterThan(week + 0.05);
  });

  it('misses more after earlier no-shows', () => {
    const history = withPriorNoShows();
    const none = noShowRate(history.filter((h) => h.prior === 0).map((h) => h.a));
    const some = noShowRate(history.filter((h) => h.prior >= 1).map((h) => h.a));
    expect(some).toBeGreaterThan(none + 0.05);
  });

  it('sends SMS reminders only for bookings 2+ days ahead, and reminded patients miss less', () => {
    expect(due.filter((a) => a.SMS_received === '1' && leadDays(a) < 2)).toEqual([]);
    const ahead = due.filter((a) => leadDays(a) >= 2);
    const reminded = ahead.filter((a) => a.SMS_received === '1');
    expect(reminded.length / ahead.length).toBeCloseTo(0.55, 1);
    expect(noShowRate(reminded)).toBeLessThan(noShowRate(ahead.filter((a) => a.SMS_received === '0')) - 0.03);
  });

  it('has young adults miss more than the elderly', () => {
    const byAge = (from: number, to: number) =>
      noShowRate(
        due.filter((a) => {
          const age = Number(patients.get(a.PatientID)?.Age);
          return age >= from && age <= to;
        }),
      );
    expect(byAge(18, 35)).toBeGreaterThan(byAge(60, 200) + 0.04);
  });
});

describe('visits: specialties, reasons and diagnoses', () => {
  const reasonsOf = new Map(
    Object.entries(REASONS).map(([name, list]) => [name, new Map(list.map((r) => [r.text, r]))]),
  );
  const appointments = new Map(rows.appointments.map((a) => [a.AppointmentID, a]));

  it("gives each appointment a reason of its doctor's specialty, seen by the right patients", () => {
    const wrong = rows.appointments.filter((a) => {
      const doctor = doctors.get(a.DoctorID)!;
      const patient = patients.get(a.PatientID)!;
      const age = Number(patient.Age);
      return (
        a.Specialty !== doctor.Specialty ||
        !reasonsOf.get(doctor.Specialty!)?.has(a.Reason!) ||
        (doctor.Specialty === 'Pediatrics' && age >= 18) ||
        (doctor.Specialty === 'Gynecology' && patient.Gender !== 'F') ||
        (['Cardiology', 'Endocrinology', 'Neurology', 'Gastroenterology', 'Pulmonology'].includes(
          doctor.Specialty!,
        ) &&
          age < 18)
      );
    });
    expect(wrong).toEqual([]);
    expect(new Set(rows.appointments.map((a) => a.Specialty)).size).toBeGreaterThanOrEqual(8);
  });

  it("codes the first diagnosis from the visit's reason and the chronic ones only for patients who have them", () => {
    const wrong = rows.records.filter((r) => {
      const a = appointments.get(r.AppointmentID)!;
      const patient = patients.get(r.PatientID)!;
      const reason = reasonsOf.get(a.Specialty!)?.get(a.Reason!);
      const fits = reason?.diagnoses.some((d) => d.code === r.ICD10Code && d.description === r.HealthDisease);
      if (r.DiagnosisRank === '1' || !['I10', 'E11.9', 'F10.20'].includes(r.ICD10Code!)) return !fits;
      const flag = { I10: 'Hipertension', 'E11.9': 'Diabetes', 'F10.20': 'Alcoholism' }[r.ICD10Code as 'I10'];
      return patient[flag] !== '1';
    });
    expect(wrong).toEqual([]);
    const hypertensive = rows.records.filter((r) => r.ICD10Code === 'I10');
    expect(hypertensive.length).toBeGreaterThan(100);
  });
});

describe('visits: billing', () => {
  const fee = new Map(SPECIALTIES.map((s) => [s.name, s.feeCents]));
  const diagnoses = [
    ...Object.values(REASONS).flatMap((list) => list.flatMap((r) => r.diagnoses)),
    ...Object.values(CHRONIC),
  ];
  const workUp = new Map(diagnoses.map((d) => [d.code, d.feeCents]));

  it('bills exact amounts: consultation fee (first diagnosis) plus work-up, times the clinic price index', () => {
    const wrong = rows.records.filter((r) => {
      const doctor = doctors.get(r.DoctorID)!;
      const base = (r.DiagnosisRank === '1' ? fee.get(doctor.Specialty!)! : 0) + workUp.get(r.ICD10Code!)!;
      const percent = BigInt(clinics.get(r.ClinicID)!.PriceIndex!);
      const cents = (BigInt(base) * percent + 50n) / 100n;
      return (
        !/^\d+\.\d{2}$/.test(r.LastBilling!) ||
        r.LastBilling !== `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`
      );
    });
    expect(wrong).toEqual([]);
  });

  it('makes the bill depend on specialty and diagnosis', () => {
    const mean = (list: readonly Row[]) => list.reduce((s, r) => s + Number(r.LastBilling), 0) / list.length;
    const first = rows.records.filter((r) => r.DiagnosisRank === '1');
    const bySpecialty = (name: string) => first.filter((r) => doctors.get(r.DoctorID)?.Specialty === name);
    expect(mean(bySpecialty('Cardiology'))).toBeGreaterThan(mean(bySpecialty('General Practice')) * 1.5);
    const cardiology = bySpecialty('Cardiology');
    expect(mean(cardiology.filter((r) => r.ICD10Code === 'I20.9'))).toBeGreaterThan(
      mean(cardiology.filter((r) => r.ICD10Code === 'R07.9')),
    );
  });
});
