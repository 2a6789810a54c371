/** Authorization-matrix rules for the analytics routes (merged into RULES by authz-rules.ts). */
import type { Rule } from './authz-world.ts';

export const ANALYTICS_RULES: Record<string, Rule> = {};
