/**
 * Platform rows → Health Synth CSV lines, in the catalogue's column order (columns.ts). Pure.
 * Ids: the platform's UUIDs become stable positive BIGINTs (the first 8 bytes of their SHA-256 read as a
 * big-endian number, top bit cleared), the same in every file and every run, so relationships hold and a
 * date re-run writes the same bytes. SMS_received is 1 when the notifications log has an SMS reminder for the
 * visit that was delivered (sent), 0 when it knows none was, and empty when it cannot tell (queries.ts).
 * Values the platform does not keep (a clinic's PriceIndex, a doctor's Availability text) stay empty (NULL
 * in the warehouse); patients' names, birth dates, phones
 * and home coordinates, doctors' e-mail and phone and appointment reasons are left out on purpose: no model
 * reads them, and the staged files (kept in the object store) should not carry identities or patients' words.
 */
import { hash } from 'node:crypto';
import { fileSpec, type FileName } from '../generate/columns.ts';
import { csvText } from '../generate/csv.ts';
import type { Raw } from './queries.ts';

const MASK = (1n << 63n) - 1n;

/** A platform UUID as a positive BIGINT, stable across runs. */
export function numericId(uuid: string): string {
  const n = hash('sha256', uuid, 'buffer').readBigUInt64BE(0) & MASK;
  return String(n === 0n ? 1n : n);
}

/**
 * Ids remembered per export, for the references only: clinics and doctors recur on every visit, patients on
 * each of theirs. A row's own id is hashed once, so remembering it would only cost memory and lookups.
 */
const MEMO_LIMIT = 100_000;

/** `numericId` with a bounded memo (cleared when full, so memory stays flat on any platform size). */
export function memoizedIds(): (uuid: string) => string {
  const memo = new Map<string, string>();
  return (uuid) => {
    let n = memo.get(uuid);
    if (n === undefined) {
      if (memo.size >= MEMO_LIMIT) memo.clear();
      n = numericId(uuid);
      memo.set(uuid, n);
    }
    return n;
  };
}

/** Minutes east of UTC → `±HH:MM`. */
export function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** `E119` → `E11.9` (the catalogue's dotted form); three-character codes stay as they are. */
export const dottedCode = (code: string): string =>
  code.length > 3 && !code.includes('.') ? `${code.slice(0, 3)}.${code.slice(3)}` : code;

type Field = string | number | boolean | null | undefined;
type Ids = (uuid: string) => string;

const text = (v: Field): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? '1' : '0';
  return csvText(String(v));
};
const coordinate = (v: Field): string => (v === null || v === undefined ? '' : Number(v).toFixed(5));

/** Seconds east of UTC → whole minutes, halves away from zero (LMT offsets such as -0:44:30 have them). */
export function shiftMinutes(seconds: number): number {
  const minutes = Math.round(seconds) / 60;
  return Math.sign(minutes) * Math.round(Math.abs(minutes));
}

/** `YYYY-MM-DD HH:MI:SS[.ffffff]` → `YYYY-MM-DD` and `YYYY-MM-DDTHH:MI:SS` (seconds truncated). */
const wallOf = (row: Raw, name: string): string => {
  const text = String(row[`${name}_local`]);
  const dot = text.indexOf('.');
  return (dot < 0 ? text : text.slice(0, dot)).replace(' ', 'T');
};
const local = (row: Raw, name: string): string =>
  wallOf(row, name) + offsetText(shiftMinutes(Number(row[`${name}_shift`])));
const dayOf = (row: Raw, name: string): string => {
  const wall = wallOf(row, name);
  return wall.slice(0, wall.indexOf('T'));
};

type Id = (v: Field) => string;
const own: Id = (v) => (v === null || v === undefined ? '' : numericId(String(v)));

/** Each entity's values in catalogue order (checked against the catalogue by the test); `ref`: references. */
const FIELDS: Record<FileName, (r: Raw, ref: Id) => string[]> = {
  clinics: (r) => [
    own(r.id),
    text(r.name),
    text(r.neighbourhood),
    text(r.address),
    coordinate(r.latitude),
    coordinate(r.longitude),
    text(r.timezone),
    text(r.capacity),
    text(r.emergency_phone),
    text(r.closed_on_weekends),
    '', // PriceIndex
  ],
  doctors: (r, ref) => [
    own(r.id),
    text(r.name),
    text(r.specialty),
    ref(r.clinic_id),
    '', // Availability
    text(r.slot_minutes),
    '', // Email: contact details stay out
    '', // Phone
  ],
  patients: (r, ref) => [
    own(r.id),
    text(r.gender),
    text(r.age),
    text(r.neighbourhood),
    text(r.scholarship),
    text(r.hypertension),
    text(r.diabetes),
    text(r.alcoholism),
    text(r.handicap),
    text(r.visit_date),
    '', // Name
    '', // BirthDate
    '', // Phone
    '', // Latitude
    '', // Longitude
    ref(r.home_clinic_id),
  ],
  appointments: (r, ref) => [
    own(r.id),
    ref(r.patient_id),
    local(r, 'booked'),
    dayOf(r, 'starts'),
    r.status === 'no_show' ? 'Yes' : 'No',
    ref(r.doctor_id),
    ref(r.clinic_id),
    local(r, 'starts'),
    local(r, 'ends'),
    text(r.status),
    text(r.sms_received),
    text(r.specialty),
    '', // Reason: the patient's own words (erasure scrubs them); no model reads them
  ],
  records: (r, ref) => [
    ref(r.patient_id),
    ref(r.doctor_id),
    text(r.visit_date),
    text(r.disease),
    r.rank === 1 ? text(r.encounter_billing) : '0.00',
    own(r.id),
    own(r.appointment_id), // one or two rows in a row: not worth remembering
    ref(r.clinic_id),
    text(dottedCode(String(r.code))),
    text(r.rank),
  ],
};

export type CsvLine = (entity: FileName, row: Raw) => string;

/** CSV lines of platform rows; referenced ids through `ids` (one `memoizedIds()` per export). */
export function csvLines(ids: Ids): CsvLine {
  const ref: Id = (v) => (v === null || v === undefined ? '' : ids(String(v)));
  return (entity, row) => FIELDS[entity](row, ref).join(',') + '\n';
}

/** The CSV line (with newline) of a platform row of `entity`. */
export const csvLine = csvLines(numericId);

/** Columns each entity writes: the catalogue's, in its order. */
export const columnCount = (entity: FileName): number => fileSpec(entity).columns.length;
