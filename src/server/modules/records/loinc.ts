/**
 * Common laboratory tests by LOINC code with the units (UCUM spelling) they are reported in. A result
 * with one of these codes must use one of its units. LOINC codes are from the LOINC table
 * (© Regenstrief Institute, free to use under the LOINC licence, https://loinc.org/license/); the short
 * names are ours.
 */
export interface LoincTest {
  name: string;
  units: readonly string[];
}

const TESTS: Record<string, LoincTest> = {
  '2345-7': { name: 'Glucose, serum/plasma', units: ['mg/dL', 'mmol/L'] },
  '4548-4': { name: 'Hemoglobin A1c', units: ['%', 'mmol/mol'] },
  '718-7': { name: 'Hemoglobin, blood', units: ['g/dL', 'g/L', 'mmol/L'] },
  '2160-0': { name: 'Creatinine, serum/plasma', units: ['mg/dL', 'umol/L'] },
  '2093-3': { name: 'Cholesterol, total', units: ['mg/dL', 'mmol/L'] },
  '2085-9': { name: 'HDL cholesterol', units: ['mg/dL', 'mmol/L'] },
  '13457-7': { name: 'LDL cholesterol (calculated)', units: ['mg/dL', 'mmol/L'] },
  '2571-8': { name: 'Triglycerides', units: ['mg/dL', 'mmol/L'] },
  '2823-3': { name: 'Potassium, serum/plasma', units: ['mmol/L', 'meq/L'] },
  '2951-2': { name: 'Sodium, serum/plasma', units: ['mmol/L', 'meq/L'] },
  '3016-3': { name: 'TSH', units: ['m[IU]/L', 'u[IU]/mL', 'mIU/L', 'uIU/mL'] },
  '6690-2': { name: 'Leukocytes, blood', units: ['10*3/uL', '10*9/L'] },
  '777-3': { name: 'Platelets, blood', units: ['10*3/uL', '10*9/L'] },
};

export const LOINC_UNITS: ReadonlyMap<string, LoincTest> = new Map(Object.entries(TESTS));
