/** Authorization-matrix rules for the analytics routes (merged into RULES by authz-rules.ts). */
import { ADMIN, NO_SUCH_ID, type Rule } from './authz-world.ts';

export const ANALYTICS_RULES: Record<string, Rule> = {
  // The pipeline's published reports and its runs: admins only (nothing published in the matrix: 404 past
  // authorization for one report; an unknown run: 404).
  'GET /api/v1/analytics': { expect: ADMIN },
  'GET /api/v1/analytics/{name}': { expect: ADMIN, params: () => ({ name: 'monthly_aggregates' }) },
  'GET /api/v1/pipeline/runs': { expect: ADMIN },
  'GET /api/v1/pipeline/runs/{id}': { expect: ADMIN, params: () => ({ id: NO_SUCH_ID }) },
};
