/** Synthea encounters, conditions, medications and observations → encounters and their entries. Pure. */
import type { MedicationRoute } from '../../db/schema/index.ts';
import type { CsvFile, CsvRow } from './csv.ts';
import { countRepair, type EntryData, type ImportSet } from './model.ts';
import { Fields } from './rules.ts';
import { originOf, type SyntheaFiles } from './synthea.ts';

const LOINC = /^[0-9]{1,7}-[0-9]$/;

/** Route words in RxNorm descriptions, first match wins; anything else is "other". */
const ROUTES: [RegExp, MedicationRoute][] = [
  [/\b(oral|chewable|tablet|capsule)\b/i, 'oral'],
  [/\binhal/i, 'inhaled'],
  [/\bnasal\b/i, 'nasal'],
  [/\bsublingual\b/i, 'sublingual'],
  [/\btransdermal|patch\b/i, 'transdermal'],
  [/\b(topical|cream|ointment)\b/i, 'topical'],
  [/\bophthalmic\b/i, 'ophthalmic'],
  [/\botic\b/i, 'otic'],
  [/\brectal\b/i, 'rectal'],
  [/\bvaginal\b/i, 'vaginal'],
];
const DOSE = /\d+(\.\d+)?\s*(MG|MCG|ML|UNT|MEQ|%)(\/(ML|ACTUAT|HR))?/i;

/** Entry source ids must be unique: a second identical key gets `#2`, a third `#3` (stable across re-imports). */
function keyer(): (key: string) => string {
  const seen = new Map<string, number>();
  return (key) => {
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n === 1 ? key : `${key}#${n}`;
  };
}

function cents(value: string): string {
  return (Math.round(Number(value) * 100) / 100).toFixed(2);
}

function readEncounters(set: ImportSet, csv: CsvFile): Map<string, string> {
  const starts = new Map<string, string>();
  for (const row of csv.rows) {
    const f = new Fields(csv.file, row);
    const [id, patient, doctor, description] = ['Id', 'PATIENT', 'PROVIDER', 'DESCRIPTION'].map((c) =>
      f.text(c),
    );
    const start = f.timestamp('START');
    const cost = f.decimal('BASE_ENCOUNTER_COST');
    if (cost !== null && cost !== undefined && Number(cost) < 0) f.fail('BASE_ENCOUNTER_COST', 'is negative');
    if (!f.ok || !id || !patient || !doctor || !description || !start) {
      set.issues.push(...f.issues);
      continue;
    }
    starts.set(id, start);
    const because = f.optional('REASONDESCRIPTION');
    const origin = originOf(csv, row);
    set.encounters.push({
      sourceId: id,
      origin,
      value: {
        patient,
        doctor,
        appointment: null,
        occurredAt: start,
        reason: because ? `${description}: ${because}` : description,
      },
    });
    if (cost === null || cost === undefined) continue;
    countRepair(set, 'synthea.encounter_cost_as_billing');
    set.entries.push({
      sourceId: `billing:${id}`,
      origin,
      value: {
        encounter: id,
        occurredAt: start,
        data: { kind: 'billing', description, amount: cents(cost), currency: 'USD' },
      },
    });
  }
  return starts;
}

/** `at`: the entry's own time (observations); `fallback`: its date when the encounter is not in these files. */
type EntryReader = (
  f: Fields,
  row: CsvRow,
) => { key: string; at?: string; fallback?: string; data: EntryData } | undefined;

function readEntries(
  set: ImportSet,
  csv: CsvFile | undefined,
  starts: Map<string, string>,
  read: EntryReader,
): void {
  if (!csv) return;
  const key = keyer();
  for (const row of csv.rows) {
    const f = new Fields(csv.file, row);
    const encounter = row.get('ENCOUNTER').trim();
    if (encounter === '' && csv.file === 'observations.csv') {
      countRepair(set, 'synthea.observation_without_encounter');
      continue;
    }
    const entry = read(f, row);
    if (encounter === '') f.fail('ENCOUNTER', 'is empty');
    if (!f.ok || !entry) {
      set.issues.push(...f.issues);
      continue;
    }
    set.entries.push({
      sourceId: key(`${entry.data.kind}:${encounter}|${entry.key}`),
      origin: originOf(csv, row),
      value: {
        encounter,
        occurredAt: entry.at ?? starts.get(encounter) ?? entry.fallback ?? new Date().toISOString(),
        data: entry.data,
      },
    });
  }
}

const condition =
  (set: ImportSet): EntryReader =>
  (f, row) => {
    const start = f.date('START');
    const stop = f.optionalDate('STOP');
    const [code, description] = ['CODE', 'DESCRIPTION'].map((c) => f.text(c));
    if (!start || !code || !description || stop === undefined) return undefined;
    const span = stop ? `from ${start} to ${stop}` : `since ${start}`;
    countRepair(set, 'synthea.condition_as_note');
    return {
      key: `${code}|${row.get('START')}`,
      fallback: `${start}T12:00:00Z`,
      data: { kind: 'note', body: `Condition (SNOMED CT ${code}): ${description}, ${span}` },
    };
  };

function daysBetween(from: string, to: string | null): number | null {
  if (!to) return null;
  const days = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
  return Math.min(Math.max(days, 1), 3650);
}

const medication =
  (set: ImportSet): EntryReader =>
  (f, row) => {
    const start = f.timestamp('START');
    const stop = row.get('STOP').trim() === '' ? null : f.timestamp('STOP');
    const [code, description] = ['CODE', 'DESCRIPTION'].map((c) => f.text(c));
    if (!start || !code || !description || stop === undefined) return undefined;
    const route = ROUTES.find(([re]) => re.test(description))?.[1];
    if (!route) countRepair(set, 'synthea.medication_route_other');
    const data: EntryData = {
      kind: 'prescription',
      medication: `${description} (RxNorm ${code})`,
      dose: DOSE.exec(description)?.[0] ?? 'as described',
      route: route ?? 'other',
      frequency: 'as prescribed',
      durationDays: daysBetween(start, stop),
    };
    return { key: `${code}|${row.get('START')}`, fallback: start, data };
  };

const observation =
  (set: ImportSet): EntryReader =>
  (f, row) => {
    const at = f.timestamp('DATE');
    const [code, description, value] = ['CODE', 'DESCRIPTION', 'VALUE'].map((c) => f.text(c));
    const type = f.oneOf('TYPE', ['numeric', 'text'] as const);
    const numeric = type === 'numeric' ? f.decimal('VALUE') : null;
    if (!at || !code || !description || !value || !type || numeric === undefined) return undefined;
    if (type === 'text') countRepair(set, 'synthea.observation_text');
    const data: EntryData = {
      kind: 'lab',
      testName: description.slice(0, 200),
      loinc: LOINC.test(code) ? code : null,
      valueNumeric: numeric,
      valueText: type === 'text' ? value : null,
      unit: type === 'numeric' ? f.optional('UNITS') : null,
    };
    return { key: `${code}|${row.get('DATE')}`, at, data };
  };

export function readClinicalFiles(set: ImportSet, files: SyntheaFiles): void {
  const starts = files.encounters ? readEncounters(set, files.encounters) : new Map<string, string>();
  readEntries(set, files.conditions, starts, condition(set));
  readEntries(set, files.medications, starts, medication(set));
  readEntries(set, files.observations, starts, observation(set));
}
