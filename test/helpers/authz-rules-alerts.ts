/** Authorization-matrix rules for the alerts routes (merged into RULES by authz-rules.ts). */
import { ADMIN, NO_SUCH_ID, PUBLIC, type Rule } from './authz-world.ts';

export const ALERTS_RULES: Record<string, Rule> = {
  // The public area page: anyone; small counts are withheld in the answer itself.
  'GET /api/v1/alerts': { expect: PUBLIC },
  // Admins review, and confirm open alerts (an unknown alert: 404, past authorization).
  'GET /api/v1/admin/alerts': { expect: ADMIN },
  'GET /api/v1/admin/alerts/{id}': { expect: ADMIN, params: () => ({ id: NO_SUCH_ID }) },
  'POST /api/v1/admin/alerts/{id}/confirm': { expect: ADMIN, params: () => ({ id: NO_SUCH_ID }) },
};
