import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REASONS_BY_SPECIALTY } from './catalog.ts';
import { buildDemoData, type DemoAppointment, type DemoData } from './rules.ts';

const NOW = new Date('2026-05-06T14:37:00Z');
const SEEDS = [1, 2, 3, 42, 20160429];
const MINUTE = 60_000;
const DAY = 86_400_000;

/** Reads clinic wall-clock time with Intl directly, independently of zoned.ts, so the test is a real check. */
const clocks = new Map<string, Intl.DateTimeFormat>();
function wallClock(at: Date, timeZone: string) {
  const clock = clocks.get(timeZone) ?? newClock(timeZone);
  clocks.set(timeZone, clock);
  const parts = clock.formatToParts(at);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return {
    weekday: get('weekday'),
    day: `${get('year')}-${get('month')}-${get('day')}`,
    minutes: Number(get('hour')) * 60 + Number(get('minute')),
  };
}

function newClock(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
}

const ageAt = (birthDate: string, when: Date): number =>
  (when.getTime() - Date.parse(birthDate)) / (365.2425 * DAY);

/** Pairs of active appointments that share `key` (doctor or patient) and overlap in time. */
function overlaps(appointments: readonly DemoAppointment[], key: 'doctorId' | 'patientId'): string[] {
  const found: string[] = [];
  const groups = Map.groupBy(
    appointments.filter((a) => a.status !== 'cancelled'),
    (a) => a[key],
  );
  for (const group of groups.values()) {
    const sorted = [...group].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    let latestEnd = -Infinity;
    for (const a of sorted) {
      if (a.startsAt.getTime() < latestEnd) found.push(a.id);
      latestEnd = Math.max(latestEnd, a.endsAt.getTime());
    }
  }
  return found;
}

/** Every broken rule, named with the appointment: one cheap check per rule, one expect per schedule. */
function scheduleProblems(data: DemoData, now: Date): string[] {
  const doctors = new Map(data.doctors.map((d) => [d.id, d]));
  const clinics = new Map(data.clinics.map((c) => [c.id, c]));
  const patients = new Map(data.patients.map((p) => [p.id, p]));
  const problems = [
    ...overlaps(data.appointments, 'doctorId').map((id) => `${id}: doctor double-booked`),
    ...overlaps(data.appointments, 'patientId').map((id) => `${id}: patient double-booked`),
  ];
  for (const a of data.appointments) {
    const doctor = doctors.get(a.doctorId);
    const clinic = clinics.get(a.clinicId);
    const patient = patients.get(a.patientId);
    if (!doctor || !clinic || !patient) {
      problems.push(`${a.id}: points at a missing row`);
      continue;
    }
    const start = wallClock(a.startsAt, clinic.timezone);
    const end = wallClock(a.endsAt, clinic.timezone);
    const broken: Record<string, boolean> = {
      'not at the doctor’s clinic': a.clinicId !== doctor.clinicId,
      'on a weekend': start.weekday === 'Sat' || start.weekday === 'Sun',
      'outside 08:00–17:00': start.minutes < 8 * 60 || end.minutes > 17 * 60 || end.day !== start.day,
      'off the slot grid': (start.minutes - 8 * 60) % doctor.slotMinutes !== 0,
      'not one slot long': a.endsAt.getTime() - a.startsAt.getTime() !== doctor.slotMinutes * MINUTE,
      'reason not for this specialty': !REASONS_BY_SPECIALTY[doctor.specialty]?.includes(a.reason),
      'child sent to pediatrics is an adult':
        doctor.specialty === 'Pediatrics' && ageAt(patient.birthDate, now) >= 18,
      'gynecology patient not a woman': doctor.specialty === 'Gynecology' && patient.gender !== 'F',
      ...bookingProblems(a, now),
    };
    for (const [rule, failed] of Object.entries(broken)) if (failed) problems.push(`${a.id}: ${rule}`);
  }
  return problems;
}

function bookingProblems(a: DemoAppointment, now: Date): Record<string, boolean> {
  const lead = a.startsAt.getTime() - a.bookedAt.getTime();
  const future = a.startsAt >= now;
  return {
    'not booked 1–30 days ahead': lead < DAY || lead > 30 * DAY,
    'booked after now': a.bookedAt > now,
    'outside −60…+30 days':
      a.startsAt.getTime() < now.getTime() - 62 * DAY || a.startsAt.getTime() > now.getTime() + 30 * DAY,
    'in progress at now': !future && a.endsAt > now,
    'future but not booked or cancelled': future && !['booked', 'cancelled'].includes(a.status),
    'past but still booked': !future && !['completed', 'no_show', 'cancelled'].includes(a.status),
  };
}

describe('buildDemoData', () => {
  it('is deterministic: the same seed and time give the same rows, ids included', () => {
    expect(buildDemoData({ seed: 7, now: NOW })).toEqual(buildDemoData({ seed: 7, now: NOW }));
  });

  it('gives a different demo for a different seed or time', () => {
    const base = buildDemoData({ seed: 7, now: NOW });
    const otherSeed = buildDemoData({ seed: 8, now: NOW });
    expect(otherSeed.patients.map((p) => p.name)).not.toEqual(base.patients.map((p) => p.name));
    expect(otherSeed.clinics[0]?.id).not.toBe(base.clinics[0]?.id);
    const later = buildDemoData({ seed: 7, now: new Date(NOW.getTime() + 7 * DAY) });
    expect(later.appointments[0]?.startsAt).not.toEqual(base.appointments[0]?.startsAt);
  });

  it('builds the default demo: 3 clinics, 12 doctors, 200 patients, 400 appointments, unique UUIDv7 ids', () => {
    const data = buildDemoData({ seed: 1, now: NOW });
    expect(data.clinics.map((c) => c.code)).toEqual(['C001', 'C002', 'C003']);
    expect(data.doctors).toHaveLength(12);
    expect(data.doctors[11]?.code).toBe('D0012');
    expect(data.patients).toHaveLength(200);
    expect(data.patients[199]?.code).toBe('P0200');
    expect(data.appointments).toHaveLength(400);
    const ids = [data.clinics, data.doctors, data.patients, data.appointments].flat().map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('places clinics in Vitória with a local emergency number, each with a general practitioner', () => {
    const data = buildDemoData({ seed: 1, now: NOW });
    for (const clinic of data.clinics) {
      expect(clinic).toMatchObject({ timezone: 'America/Sao_Paulo', closedOnWeekends: true });
      expect(clinic.latitude).toBeCloseTo(-20.3, 0);
      expect(clinic.longitude).toBeCloseTo(-40.3, 0);
      expect(clinic.emergencyPhone).toMatch(/^\+55 27 3\d{3}-\d{4}$/);
      const staff = data.doctors.filter((d) => d.clinicId === clinic.id);
      expect(staff.map((d) => d.specialty)).toContain('General Practice');
    }
    expect(new Set(data.doctors.map((d) => d.specialty)).size).toBeGreaterThanOrEqual(8);
    for (const d of data.doctors) expect([20, 30]).toContain(d.slotMinutes);
  });

  it.each(SEEDS)('respects opening hours, slots, overlaps and statuses for seed %i', (seed) => {
    expect(scheduleProblems(buildDemoData({ seed, now: NOW }), NOW)).toEqual([]);
  });

  it('keeps every invariant for any seed, time and size (DST years included)', () => {
    const sizes = fc.record({
      clinics: fc.integer({ min: 1, max: 8 }),
      doctors: fc.integer({ min: 1, max: 20 }),
      patients: fc.integer({ min: 1, max: 150 }),
      appointments: fc.integer({ min: 0, max: 300 }),
    });
    const instant = fc.date({
      min: new Date('2012-01-01'),
      max: new Date('2040-01-01'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(fc.integer(), instant, sizes, (seed, now, size) => {
        const data = buildDemoData({ seed, now, ...size });
        expect(data.clinics).toHaveLength(size.clinics);
        expect(data.doctors).toHaveLength(size.doctors);
        expect(data.patients).toHaveLength(size.patients);
        expect(data.appointments.length).toBeLessThanOrEqual(size.appointments);
        expect(scheduleProblems(data, now)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it.each(SEEDS)('looks like the no-show data in its rates for seed %i', (seed) => {
    const data = buildDemoData({ seed, now: NOW });
    const past = data.appointments.filter((a) => a.startsAt < NOW);
    const share = <T>(rows: readonly T[], test: (row: T) => boolean): number =>
      rows.filter(test).length / rows.length;
    expect(share(past, (a) => a.status === 'no_show')).toBeGreaterThanOrEqual(0.1);
    expect(share(past, (a) => a.status === 'no_show')).toBeLessThanOrEqual(0.3);
    expect(share(past, (a) => a.status === 'completed')).toBeGreaterThan(0.6);
    expect(share(data.appointments, (a) => a.status === 'cancelled')).toBeLessThan(0.1);
    expect(share(data.appointments, (a) => a.startsAt < NOW)).toBeGreaterThan(0.5);
    const people = data.patients;
    expect(share(people, (p) => p.gender === 'F')).toBeGreaterThan(0.55);
    expect(share(people, (p) => p.gender === 'F')).toBeLessThan(0.75);
    expect(share(people, (p) => p.hypertension)).toBeGreaterThan(0.12);
    expect(share(people, (p) => p.hypertension)).toBeLessThan(0.3);
    expect(share(people, (p) => p.diabetes)).toBeGreaterThan(0.02);
    expect(share(people, (p) => p.diabetes)).toBeLessThan(0.13);
    expect(share(people, (p) => p.alcoholism)).toBeLessThan(0.08);
    expect(share(people, (p) => p.scholarship)).toBeGreaterThan(0.04);
    expect(share(people, (p) => p.scholarship)).toBeLessThan(0.17);
    expect(share(people, (p) => p.handicap === 0)).toBeGreaterThan(0.9);
    const ages = people.map((p) => ageAt(p.birthDate, NOW));
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(0);
    expect(Math.min(...ages)).toBeLessThan(10);
    expect(Math.max(...ages)).toBeGreaterThan(75);
    expect(Math.max(...ages)).toBeLessThan(96);
  });

  it('gives the demo patient account both past and upcoming visits', () => {
    const data = buildDemoData({ seed: 1, now: NOW });
    const mine = data.appointments.filter((a) => a.patientId === data.accountHolders.patientId);
    expect(mine.some((a) => a.status === 'completed')).toBe(true);
    expect(mine.some((a) => a.status === 'booked')).toBe(true);
    expect(data.accountHolders.doctorId).toBe(data.doctors[0]?.id);
  });

  it('refuses impossible sizes and an invalid time', () => {
    expect(() => buildDemoData({ seed: 1, now: NOW, clinics: 0 })).toThrow(/clinics/);
    expect(() => buildDemoData({ seed: 1, now: NOW, patients: 2.5 })).toThrow(/patients/);
    expect(() => buildDemoData({ seed: 1, now: new Date('nope') })).toThrow(/now/);
  });
});
