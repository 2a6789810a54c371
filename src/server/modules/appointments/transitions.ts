/**
 * The appointment status machine (pure; `now` is a parameter):
 *   booked → checked_in → completed, booked → no_show, booked → cancelled.
 * Everything else, including any move out of completed, no_show or cancelled, is refused.
 */

export type AppointmentStatus = 'booked' | 'checked_in' | 'completed' | 'no_show' | 'cancelled';

export const APPOINTMENT_STATUSES: readonly AppointmentStatus[] = [
  'booked',
  'checked_in',
  'completed',
  'no_show',
  'cancelled',
];

export type TransitionResult =
  { ok: true } | { ok: false; code: 'appointment.invalid_transition'; message: string };

export type TimedTransitionResult =
  TransitionResult | { ok: false; code: 'appointment.too_early'; message: string };

/** How long before its start a patient may check in: arriving early is normal, a day early is a mistake. */
export const CHECK_IN_OPENS_MINUTES = 60;

const MINUTE = 60_000;

const NEXT: Readonly<Record<AppointmentStatus, readonly AppointmentStatus[]>> = {
  booked: ['checked_in', 'no_show', 'cancelled'],
  checked_in: ['completed'],
  completed: [],
  no_show: [],
  cancelled: [],
};

const LABEL: Readonly<Record<AppointmentStatus, string>> = {
  booked: 'booked',
  checked_in: 'checked in',
  completed: 'completed',
  no_show: 'marked as a no-show',
  cancelled: 'cancelled',
};

/** Statuses that can still change; the others are final. */
export function isFinal(status: AppointmentStatus): boolean {
  return NEXT[status].length === 0;
}

/** Whether the status flow allows `from` → `to`, regardless of time. */
export function transition(from: AppointmentStatus, to: AppointmentStatus): TransitionResult {
  if (NEXT[from].includes(to)) return { ok: true };
  return {
    ok: false,
    code: 'appointment.invalid_transition',
    message: `An appointment that is ${LABEL[from]} cannot be ${LABEL[to]}.`,
  };
}

/**
 * Patients may cancel only up to `cutoffMinutes` before the start (the boundary itself included);
 * staff may cancel at any time, which the caller decides by not asking.
 */
export function canPatientCancel(startsAt: number, now: number, cutoffMinutes: number): boolean {
  if (!Number.isFinite(cutoffMinutes) || cutoffMinutes < 0) {
    throw new RangeError('cutoffMinutes must be a finite number of minutes, 0 or more');
  }
  return now <= startsAt - cutoffMinutes * MINUTE;
}

/**
 * `transition` plus the clock:
 * - booked → no_show and checked_in → completed only once the start time has come (nobody can have
 *   missed, or finished, a visit that has not started);
 * - booked → checked_in from CHECK_IN_OPENS_MINUTES before the start, and late arrivals any time after;
 * - booked → cancelled at any time here (the patients' cut-off is `canPatientCancel`, for the caller).
 */
export function transitionAt(
  from: AppointmentStatus,
  to: AppointmentStatus,
  startsAt: number,
  now: number,
): TimedTransitionResult {
  const allowed = transition(from, to);
  if (!allowed.ok) return allowed;
  if ((to === 'no_show' || to === 'completed') && now < startsAt) {
    return {
      ok: false,
      code: 'appointment.too_early',
      message: `An appointment cannot be ${LABEL[to]} before it starts.`,
    };
  }
  if (to === 'checked_in' && now < startsAt - CHECK_IN_OPENS_MINUTES * MINUTE) {
    return {
      ok: false,
      code: 'appointment.too_early',
      message: `Check-in opens ${CHECK_IN_OPENS_MINUTES} minutes before the appointment.`,
    };
  }
  return { ok: true };
}
