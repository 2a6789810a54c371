/**
 * Platform rows → Health Synth CSV lines, in the catalogue's column order (columns.ts). Pure.
 * Ids: the platform's UUIDs become stable positive BIGINTs (the first 8 bytes of their SHA-256 read as a
 * big-endian number, top bit cleared), the same in every file and every run, so relationships hold and a
 * date re-run writes the same bytes. Values the platform does not keep (a clinic's PriceIndex, a doctor's
 * Availability text, SMS_received) stay empty (NULL in the warehouse); patients' names, birth dates, phones
 * and home coordinates, doctors' e-mail and phone and appointment reasons are left out on purpose: no model
 * reads them, and the staged files (kept in the object store) should not carry identities or patients' words.
 */
import { createHash } from 'node:crypto';
import { fileSpec, type FileName } from '../generate/columns.ts';
import { csvText } from '../generate/csv.ts';
import type { Raw } from './queries.ts';

const MASK = (1n << 63n) - 1n;

/** A platform UUID as a positive BIGINT, stable across runs. */
export function numericId(uuid: string): string {
  const n = createHash('sha256').update(uuid).digest().readBigUInt64BE(0) & MASK;
  return String(n === 0n ? 1n : n);
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

const text = (v: Field): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? '1' : '0';
  return csvText(String(v));
};
const id = (v: Field): string => (v === null || v === undefined ? '' : numericId(String(v)));
const coordinate = (v: Field): string => (v === null || v === undefined ? '' : Number(v).toFixed(5));
const local = (row: Raw, name: string): string =>
  `${String(row[`${name}_local`])}${offsetText(Number(row[`${name}_offset`]))}`;

/** Each entity's values in catalogue order (checked against the catalogue by the test). */
const FIELDS: Record<FileName, (r: Raw) => string[]> = {
  clinics: (r) => [
    id(r.id),
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
  doctors: (r) => [
    id(r.id),
    text(r.name),
    text(r.specialty),
    id(r.clinic_id),
    '', // Availability
    text(r.slot_minutes),
    '', // Email: contact details stay out
    '', // Phone
  ],
  patients: (r) => [
    id(r.id),
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
    id(r.home_clinic_id),
  ],
  appointments: (r) => [
    id(r.id),
    id(r.patient_id),
    local(r, 'booked'),
    text(r.day),
    r.status === 'no_show' ? 'Yes' : 'No',
    id(r.doctor_id),
    id(r.clinic_id),
    local(r, 'starts'),
    local(r, 'ends'),
    text(r.status),
    '', // SMS_received
    text(r.specialty),
    '', // Reason: the patient's own words (erasure scrubs them); no model reads them
  ],
  records: (r) => [
    id(r.patient_id),
    id(r.doctor_id),
    text(r.visit_date),
    text(r.disease),
    r.rank === 1 ? text(r.encounter_billing) : '0.00',
    id(r.id),
    id(r.appointment_id),
    id(r.clinic_id),
    text(dottedCode(String(r.code))),
    text(r.rank),
  ],
};

/** The CSV line (with newline) of a platform row of `entity`. */
export function csvLine(entity: FileName, row: Raw): string {
  return FIELDS[entity](row).join(',') + '\n';
}

/** Columns each entity writes: the catalogue's, in its order. */
export const columnCount = (entity: FileName): number => fileSpec(entity).columns.length;
