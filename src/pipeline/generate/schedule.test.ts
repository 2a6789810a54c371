import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAvailability } from './availability.ts';
import { generateSample, settings, type Row } from './test-support.ts';

/** Clinic wall-clock time read with Intl directly, not through the generator's tables. */
const clock = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/Sao_Paulo',
  hourCycle: 'h23',
  weekday: 'short',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function wall(iso: string) {
  const parts = clock.formatToParts(new Date(iso));
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return {
    weekday: WEEKDAYS.indexOf(get('weekday')),
    date: `${get('year')}-${get('month')}-${get('day')}`,
    minute: Number(get('hour')) * 60 + Number(get('minute')),
  };
}

/** Appointments that overlap an earlier one of the same doctor or patient (cancelled ones included). */
function overlaps(appointments: readonly Row[], key: 'DoctorID' | 'PatientID'): string[] {
  const found: string[] = [];
  for (const group of Map.groupBy(appointments, (a) => a[key]).values()) {
    const sorted = group.map((a) => [Date.parse(a.StartsAt!), Date.parse(a.EndsAt!), a] as const);
    sorted.sort((x, y) => x[0] - y[0]);
    let latestEnd = -Infinity;
    for (const [start, end, a] of sorted) {
      if (start < latestEnd) found.push(`${key} ${a[key]}: appointment ${a.AppointmentID}`);
      latestEnd = Math.max(latestEnd, end);
    }
  }
  return found;
}

function scheduleProblems(sample: ReturnType<typeof generateSample>): string[] {
  const { rows } = sample;
  const { calendar } = sample.generator.world;
  const period = { first: calendar.date(0), last: calendar.date(calendar.days - 1) };
  const doctors = new Map(rows.doctors.map((d) => [d.DoctorID, d]));
  const hours = new Map(rows.doctors.map((d) => [d.DoctorID, parseAvailability(d.Availability!)]));
  const clinics = new Map(rows.clinics.map((c) => [c.ClinicID, c]));
  const problems: string[] = [];
  for (const a of rows.appointments) {
    const doctor = doctors.get(a.DoctorID)!;
    const start = wall(a.StartsAt!);
    const end = wall(a.EndsAt!);
    const block = (hours.get(a.DoctorID)?.[start.weekday] ?? []).find(
      ([from, to]) => from <= start.minute && end.minute <= to,
    );
    const broken = {
      'outside the doctor’s hours': !block || end.date !== start.date,
      'off the slot grid':
        block !== undefined && (start.minute - block[0]) % Number(doctor.SlotMinutes) !== 0,
      'not one slot long':
        (Date.parse(a.EndsAt!) - Date.parse(a.StartsAt!)) / 60_000 !== Number(doctor.SlotMinutes),
      'on a weekend at a weekday clinic':
        clinics.get(a.ClinicID)?.ClosedOnWeekends === '1' && (start.weekday === 0 || start.weekday === 6),
      'AppointmentDay is not the local date': a.AppointmentDay !== start.date,
      'booked after it started': Date.parse(a.ScheduledDay!) >= Date.parse(a.StartsAt!),
      'outside the period': start.date < period.first || start.date > period.last,
    };
    for (const [rule, failed] of Object.entries(broken))
      if (failed) problems.push(`${a.AppointmentID}: ${rule}`);
  }
  return problems;
}

describe('generate: the schedule', () => {
  const sample = generateSample(settings({ patients: 3000 }));
  const { rows } = sample;

  it('never double-books a doctor or a patient', () => {
    expect(overlaps(rows.appointments, 'DoctorID')).toEqual([]);
    expect(overlaps(rows.appointments, 'PatientID')).toEqual([]);
  });

  it("keeps every appointment inside the doctor's hours, on the slot grid, on open days", () => {
    expect(scheduleProblems(sample)).toEqual([]);
  });

  it('uses Saturdays only at clinics that open at weekends, and they do get Saturday visits', () => {
    const many = generateSample(settings({ patients: 12_000, days: 60 }));
    expect(scheduleProblems(many)).toEqual([]);
    const open = new Set(many.rows.clinics.filter((c) => c.ClosedOnWeekends === '0').map((c) => c.ClinicID));
    const closed = many.rows.clinics.filter((c) => c.ClosedOnWeekends === '1');
    expect(open.size).toBeGreaterThan(0);
    expect(closed.length).toBeGreaterThan(0);
    const saturdays = many.rows.appointments.filter((a) => wall(a.StartsAt!).weekday === 6);
    expect(saturdays.length).toBeGreaterThan(0);
    expect(saturdays.every((a) => open.has(a.ClinicID))).toBe(true);
    expect(overlaps(many.rows.appointments, 'DoctorID')).toEqual([]);
  });

  it('writes local times with the UTC offset in force, including the old Brazilian summer time', () => {
    const summer = generateSample(
      settings({ patients: 300, start: { year: 2018, month: 1, day: 8 }, days: 60 }),
    );
    expect(scheduleProblems(summer)).toEqual([]);
    const offsets = new Set(summer.rows.appointments.map((a) => a.StartsAt!.slice(-6)));
    expect(offsets).toEqual(new Set(['-02:00', '-03:00'])); // summer time ended on 2018-02-18
    for (const a of rows.appointments.slice(0, 200)) expect(a.StartsAt).toMatch(/T\d{2}:\d{2}:00-03:00$/);
  });

  it('never books a clinic beyond its Capacity on any day', () => {
    const perDay = new Map<string, number>();
    for (const a of rows.appointments) {
      const key = `${a.ClinicID} ${a.AppointmentDay}`;
      perDay.set(key, (perDay.get(key) ?? 0) + 1);
    }
    const capacity = new Map(rows.clinics.map((c) => [c.ClinicID, Number(c.Capacity)]));
    for (const [key, count] of perDay)
      expect(count).toBeLessThanOrEqual(capacity.get(key.split(' ')[0]) ?? 0);
  });

  it('keeps every rule for any seed, period and size (DST years included)', () => {
    const start = fc.date({ min: new Date('2010-01-01'), max: new Date('2035-12-31'), noInvalidDate: true });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        start,
        fc.integer({ min: 1, max: 90 }),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 1, max: 30 }),
        (seed, first, days, patients, doctors) => {
          const date = {
            year: first.getUTCFullYear(),
            month: first.getUTCMonth() + 1,
            day: first.getUTCDate(),
          };
          const sample = generateSample(settings({ seed, start: date, days, patients, doctors }));
          expect(scheduleProblems(sample)).toEqual([]);
          expect(overlaps(sample.rows.appointments, 'DoctorID')).toEqual([]);
          expect(overlaps(sample.rows.appointments, 'PatientID')).toEqual([]);
        },
      ),
      { numRuns: 15 },
    );
  });
});
