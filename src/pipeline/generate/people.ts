/**
 * Names and phone numbers. The name lists (the app's demo vocabulary) are ordered roughly by how common the
 * names are in Brazil (Maria, José, Ana…; Silva, Santos, Oliveira…), so they are drawn with Zipf-like weights:
 * a few names are very common, most are rarer, as in a real register. Pure.
 */
import { FEMALE_NAMES, MALE_NAMES, SURNAMES } from '../../server/demo/catalog.ts';
import type { Random } from '../../server/demo/random.ts';
import type { Sex } from './population.ts';
import { encode } from './bytes.ts';
import { createPicker, pick, type Picker } from './weighted.ts';

const zipf = (count: number): number[] => Array.from({ length: count }, (_, rank) => 1 / (rank + 1) ** 0.8);

export const FIRST_NAMES: Readonly<Record<Sex, readonly string[]>> = { F: FEMALE_NAMES, M: MALE_NAMES };
const FIRST_PICKERS: Readonly<Record<Sex, Picker>> = {
  F: createPicker(zipf(FEMALE_NAMES.length)),
  M: createPicker(zipf(MALE_NAMES.length)),
};
const SURNAME_PICKER = createPicker(zipf(SURNAMES.length));

/** UTF-8 bytes of every name, encoded once for the row writers. */
export const FIRST_NAME_BYTES: Readonly<Record<Sex, readonly Uint8Array[]>> = {
  F: FEMALE_NAMES.map(encode),
  M: MALE_NAMES.map(encode),
};
export const SURNAME_BYTES: readonly Uint8Array[] = SURNAMES.map(encode);

export interface NameParts {
  first: number;
  mother: number;
  father: number;
}

/** Indices of a first name and two family names (mother's, then father's), never the same one twice. */
export function drawNameParts(random: Random, sex: Sex, into: NameParts): void {
  into.first = pick(FIRST_PICKERS[sex], random.next());
  into.mother = pick(SURNAME_PICKER, random.next());
  let father = pick(SURNAME_PICKER, random.next());
  if (father === into.mother) father = (father + 1 + random.int(0, SURNAMES.length - 2)) % SURNAMES.length;
  into.father = father;
}

export function nameText(sex: Sex, parts: NameParts): string {
  return `${FIRST_NAMES[sex][parts.first] ?? ''} ${SURNAMES[parts.mother] ?? ''} ${SURNAMES[parts.father] ?? ''}`;
}

export function personName(random: Random, sex: Sex): string {
  const parts = { first: 0, mother: 0, father: 0 };
  drawNameParts(random, sex, parts);
  return nameText(sex, parts);
}

const four = (n: number): string => String(n).padStart(4, '0');

/** A Vitória mobile number, +55 27 9XXXX-XXXX, drawn as two numbers so rows can be written without strings. */
export interface MobileParts {
  phoneHigh: number;
  phoneLow: number;
}
export const MOBILE_PREFIX = '+55 27 9';

export function drawMobileParts(random: Random, into: MobileParts): void {
  into.phoneHigh = random.int(8000, 9999);
  into.phoneLow = random.int(0, 9999);
}

export const mobileText = (m: MobileParts): string => `${MOBILE_PREFIX}${m.phoneHigh}-${four(m.phoneLow)}`;

export function mobilePhone(random: Random): string {
  const parts = { phoneHigh: 0, phoneLow: 0 };
  drawMobileParts(random, parts);
  return mobileText(parts);
}

/** A Vitória landline: +55 27 3XXX-XXXX. */
export const landline = (random: Random): string =>
  `+55 27 3${random.int(100, 399)}-${four(random.int(0, 9999))}`;

/** `ana.lima.d12@example.org`: ASCII, unique through the tag. */
export function emailFor(name: string, tag: string): string {
  const words = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(' ')
    .filter((w) => !w.endsWith('.'));
  return `${words[0] ?? 'x'}.${words[words.length - 1] ?? 'x'}.${tag}@example.org`;
}
