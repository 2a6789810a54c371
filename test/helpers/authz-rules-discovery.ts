/** Authorization-matrix rules for the discovery routes (merged into RULES by authz-rules.ts). */
import { PUBLIC, type Rule } from './authz-world.ts';

export const DISCOVERY_RULES: Record<string, Rule> = {
  // Public like the directory it ranks.
  'GET /api/v1/discover': { expect: PUBLIC, query: { symptoms: 'itchy rash', near: '-20.3195,-40.338' } },
};
