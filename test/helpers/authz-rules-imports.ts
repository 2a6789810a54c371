/** Authorization-matrix rules for the imports routes (merged into RULES by authz-rules.ts). */
import type { Rule } from './authz-world.ts';

export const IMPORTS_RULES: Record<string, Rule> = {};
