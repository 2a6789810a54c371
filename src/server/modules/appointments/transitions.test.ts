import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  APPOINTMENT_STATUSES,
  CHECK_IN_OPENS_MINUTES,
  canPatientCancel,
  isFinal,
  transition,
  transitionAt,
  type AppointmentStatus,
} from './transitions.ts';

const MINUTE = 60_000;
const START = Date.parse('2026-03-02T12:00:00Z');
const ALLOWED = new Set(['booked>checked_in', 'checked_in>completed', 'booked>no_show', 'booked>cancelled']);
const statusArb = fc.constantFrom(...APPOINTMENT_STATUSES);

describe('transition', () => {
  it('allows exactly the issue’s flow and refuses every other pair with a 409 code', () => {
    for (const from of APPOINTMENT_STATUSES) {
      for (const to of APPOINTMENT_STATUSES) {
        const r = transition(from, to);
        if (ALLOWED.has(`${from}>${to}`)) {
          expect(r).toEqual({ ok: true });
        } else {
          expect(r).toMatchObject({ ok: false, code: 'appointment.invalid_transition' });
        }
      }
    }
  });

  it('refuses the tempting shortcuts and any move out of a final status', () => {
    const refused: [AppointmentStatus, AppointmentStatus][] = [
      ['checked_in', 'cancelled'],
      ['checked_in', 'no_show'],
      ['booked', 'completed'],
      ['cancelled', 'booked'],
      ['no_show', 'checked_in'],
      ['completed', 'cancelled'],
      ['booked', 'booked'],
    ];
    for (const [from, to] of refused) expect(transition(from, to).ok).toBe(false);
    expect(APPOINTMENT_STATUSES.filter(isFinal)).toEqual(['completed', 'no_show', 'cancelled']);
  });

  it('names both statuses in the message', () => {
    const r = transition('cancelled', 'checked_in');
    expect(r.ok ? '' : r.message).toBe('An appointment that is cancelled cannot be checked in.');
  });
});

describe('canPatientCancel', () => {
  it('allows cancelling up to the cut-off before the start, boundary included, and not after', () => {
    const cutoff = 24 * 60;
    expect(canPatientCancel(START, START - 2 * cutoff * MINUTE, cutoff)).toBe(true);
    expect(canPatientCancel(START, START - cutoff * MINUTE, cutoff)).toBe(true);
    expect(canPatientCancel(START, START - cutoff * MINUTE + 1, cutoff)).toBe(false);
    expect(canPatientCancel(START, START + MINUTE, cutoff)).toBe(false);
  });

  it('with no cut-off, allows cancelling until the start', () => {
    expect(canPatientCancel(START, START, 0)).toBe(true);
    expect(canPatientCancel(START, START + 1, 0)).toBe(false);
  });

  it('refuses a nonsensical cut-off instead of guessing', () => {
    expect(() => canPatientCancel(START, START, -5)).toThrow(RangeError);
    expect(() => canPatientCancel(START, START, Number.NaN)).toThrow(RangeError);
  });
});

describe('transitionAt', () => {
  const code = (r: ReturnType<typeof transitionAt>) => (r.ok ? 'ok' : r.code);

  it('marks a no-show or completes a visit only once it has started', () => {
    expect(code(transitionAt('booked', 'no_show', START, START - 1))).toBe('appointment.too_early');
    expect(code(transitionAt('booked', 'no_show', START, START))).toBe('ok');
    expect(code(transitionAt('checked_in', 'completed', START, START - MINUTE))).toBe(
      'appointment.too_early',
    );
    expect(code(transitionAt('checked_in', 'completed', START, START + 30 * MINUTE))).toBe('ok');
  });

  it('opens check-in an hour before the start and keeps it open for late arrivals', () => {
    const opens = START - CHECK_IN_OPENS_MINUTES * MINUTE;
    expect(code(transitionAt('booked', 'checked_in', START, opens - 1))).toBe('appointment.too_early');
    expect(code(transitionAt('booked', 'checked_in', START, opens))).toBe('ok');
    expect(code(transitionAt('booked', 'checked_in', START, START + 45 * MINUTE))).toBe('ok');
  });

  it('lets a booking be cancelled at any time (the patients’ cut-off is the caller’s check)', () => {
    expect(code(transitionAt('booked', 'cancelled', START, START - 90 * 24 * 60 * MINUTE))).toBe('ok');
    expect(code(transitionAt('booked', 'cancelled', START, START + MINUTE))).toBe('ok');
  });

  it('reports an invalid transition before any timing rule', () => {
    expect(code(transitionAt('cancelled', 'no_show', START, START - 1))).toBe(
      'appointment.invalid_transition',
    );
  });

  it('never allows what transition refuses, and once the visit has started agrees with it', () => {
    fc.assert(
      fc.property(statusArb, statusArb, fc.integer({ min: -3000, max: 3000 }), (from, to, offset) => {
        const timed = transitionAt(from, to, START, START + offset * MINUTE);
        const plain = transition(from, to);
        if (!plain.ok) expect(timed).toEqual(plain);
        if (offset >= 0) expect(timed.ok).toBe(plain.ok);
      }),
    );
  });
});
