/**
 * Plain advice sent with an alert, by the kind of condition: ICD-10-CM chapters (by the category's first
 * letter, or a category range) and a general fallback. Short, calm, and always says when to see a doctor.
 */
const GENERAL =
  'Look after yourself and those around you. If you feel unwell, book a visit with your doctor; ' +
  'in an emergency call 192 or go to the nearest emergency department.';

const BY_CHAPTER: { test: (category: string) => boolean; advice: string }[] = [
  {
    // A00–B99: infectious and parasitic diseases (dengue A90–A91, gastroenteritis A09…).
    test: (c) => c.startsWith('A') || c.startsWith('B'),
    advice:
      'Wash your hands often, drink safe water, and empty standing water where mosquitoes breed. ' +
      'See a doctor if you have a high fever, a rash, or cannot keep fluids down.',
  },
  {
    // J00–J99: respiratory.
    test: (c) => c.startsWith('J'),
    advice:
      'Cover coughs and sneezes, wash your hands, air rooms and stay home when feverish. ' +
      'See a doctor if breathing becomes hard or a fever lasts more than three days.',
  },
  {
    // K00–K95 digestive, R10–R19 abdominal symptoms.
    test: (c) => c.startsWith('K') || /^R1[0-9]/.test(c),
    advice:
      'Wash your hands before eating, keep food cold and cook it through, and drink plenty of safe water. ' +
      'See a doctor if there is blood, strong pain, or signs of dehydration.',
  },
  {
    // L00–L99: skin.
    test: (c) => c.startsWith('L'),
    advice:
      'Do not share towels or clothes, keep skin clean and dry. See a doctor if a rash spreads fast or comes with fever.',
  },
  {
    // H00–H59: eye (conjunctivitis spreads in homes and schools).
    test: (c) => /^H[0-5]/.test(c),
    advice:
      'Wash your hands and do not touch or rub your eyes; do not share towels. ' +
      'See a doctor if your eye hurts or your sight changes.',
  },
];

/** Advice for an ICD-10-CM category (`J06`) or, for appointment reasons, the general advice. */
export function adviceFor(kind: 'icd10' | 'reason', key: string): string {
  if (kind !== 'icd10') return GENERAL;
  return BY_CHAPTER.find((c) => c.test(key))?.advice ?? GENERAL;
}
