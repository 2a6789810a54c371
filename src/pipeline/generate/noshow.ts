/**
 * When people book, whether they get a reminder, and whether they turn up. The no-show model is a logistic
 * one with effects of the size seen in the public no-show data and the literature: same-day bookings are
 * almost always kept and long waits often missed; young adults miss more and the old fewer; an SMS reminder
 * helps; each earlier no-show makes the next one likelier; welfare recipients and people with alcohol
 * dependence miss more. A model trained on the generated files can learn all of it. Pure.
 */

/** Share of appointments booked the same day (the public data has about a third). */
export const SAME_DAY_SHARE = 0.3;
/** Mean wait, in days, of appointments booked ahead (an exponential tail). */
export const MEAN_LEAD_DAYS = 14;
export const MAX_LEAD_DAYS = 180;
/** Share of appointments booked two or more days ahead that get an SMS reminder the day before. */
export const SMS_RATE = 0.55;
export const CANCELLATION_RATE = 0.03;

export const NO_SHOW_TARGET = { rate: 0.2, min: 0.15, max: 0.25 } as const;

/** Lead-time buckets, shared by the model and the report. */
export const LEAD_BUCKETS = ['same day', '1–3 days', '4–14 days', '15–30 days', '31+ days'] as const;
const LEAD_EFFECT = [-1.5, 0, 0.35, 0.6, 0.8];

export const AGE_GROUPS = ['0–11', '12–17', '18–35', '36–59', '60+'] as const;
const AGE_EFFECT = [-0.1, 0.25, 0.3, 0, -0.4];

const INTERCEPT = -1.49;
const SMS_EFFECT = -0.45;
const PRIOR_NO_SHOW_EFFECT = 0.55;
const MAX_PRIOR_COUNTED = 3;
const SCHOLARSHIP_EFFECT = 0.25;
const ALCOHOLISM_EFFECT = 0.3;

export function leadBucket(leadDays: number): number {
  return leadDays === 0 ? 0 : leadDays <= 3 ? 1 : leadDays <= 14 ? 2 : leadDays <= 30 ? 3 : 4;
}

export function ageGroup(age: number): number {
  return age < 12 ? 0 : age < 18 ? 1 : age <= 35 ? 2 : age < 60 ? 3 : 4;
}

/** Days between booking and visit, from two uniforms: a same-day share, then an exponential wait. */
export function drawLeadDays(u1: number, u2: number): number {
  if (u1 < SAME_DAY_SHARE) return 0;
  return Math.min(MAX_LEAD_DAYS, 1 + Math.floor(-Math.log(1 - u2) * MEAN_LEAD_DAYS));
}

/** Probability that the patient does not come (positional arguments: called once per appointment). */
export function noShowProbability(
  leadDays: number,
  age: number,
  sms: boolean,
  priorNoShows: number,
  scholarship: boolean,
  alcoholism: boolean,
): number {
  const logit =
    INTERCEPT +
    (LEAD_EFFECT[leadBucket(leadDays)] ?? 0) +
    (AGE_EFFECT[ageGroup(age)] ?? 0) +
    (sms ? SMS_EFFECT : 0) +
    PRIOR_NO_SHOW_EFFECT * Math.min(priorNoShows, MAX_PRIOR_COUNTED) +
    (scholarship ? SCHOLARSHIP_EFFECT : 0) +
    (alcoholism ? ALCOHOLISM_EFFECT : 0);
  return 1 / (1 + Math.exp(-logit));
}
