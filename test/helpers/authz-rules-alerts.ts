/** Authorization-matrix rules for the alerts routes (merged into RULES by authz-rules.ts). */
import type { Rule } from './authz-world.ts';

export const ALERTS_RULES: Record<string, Rule> = {};
