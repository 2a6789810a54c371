/** ICD-10-CM: the bundled diagnosis code list, its search, and the look-ups diagnoses are checked against. */
export { icd10Routes } from './routes.ts';
export { describeCodes } from './service.ts';
export { formatCode as formatIcd10Code, normalizeCode as normalizeIcd10Code } from './rules.ts';
