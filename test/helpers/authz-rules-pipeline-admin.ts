/** Authorization-matrix rules for the admin's pipeline run requests (merged into RULES by authz-rules.ts). */
import { ADMIN, type Rule } from './authz-world.ts';

export const PIPELINE_ADMIN_RULES: Record<string, Rule> = {
  // Queue a run of today: admins only (the matrix's app has no pipeline: 409 past authorization).
  'POST /api/v1/pipeline/runs': { expect: ADMIN, body: () => ({}) },
};
