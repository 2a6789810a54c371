/** Authorization-matrix rules for the discovery routes (merged into RULES by authz-rules.ts). */
import type { Rule } from './authz-world.ts';

export const DISCOVERY_RULES: Record<string, Rule> = {};
