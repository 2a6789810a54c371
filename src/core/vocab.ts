/**
 * Fixed vocabularies and limits shared by the database schema, the server's rules and the web app's forms.
 * Plain constants: no IO, no Node-only imports.
 */

/** Longest password accepted (argon2id hashes any length; this bounds the work per attempt). */
export const PASSWORD_MAX = 256;

/** Routes of administration a prescription may name. */
export const ROUTES = [
  'oral',
  'sublingual',
  'topical',
  'transdermal',
  'inhaled',
  'nasal',
  'ophthalmic',
  'otic',
  'rectal',
  'vaginal',
  'subcutaneous',
  'intramuscular',
  'intravenous',
  'other',
] as const;
export type MedicationRoute = (typeof ROUTES)[number];

/** Message categories a person can choose channels for. */
export const CATEGORIES = ['account', 'consent', 'appointments', 'reminders', 'alerts', 'reports'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Channels a person can reach us on (Slack is for staff and ops channels only). */
export const PERSONAL_CHANNELS = ['in_app', 'email', 'telegram', 'sms'] as const;
export type PersonalChannel = (typeof PERSONAL_CHANNELS)[number];

/**
 * The prior of the Bayesian average of doctor ratings: every doctor starts as if rated PRIOR_WEIGHT times
 * at PRIOR_MEAN, the midpoint of the 1–5 scale.
 */
export const PRIOR_MEAN = 3;
export const PRIOR_WEIGHT = 5;
/** Days a rating stays editable after it is given. */
export const EDIT_WINDOW_DAYS = 7;
