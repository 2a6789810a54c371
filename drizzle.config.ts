import { defineConfig } from 'drizzle-kit';

// Generate migrations only (`npm run db:generate`); never `drizzle-kit push`, which would offer to drop
// the hand-written EXCLUDE constraints.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/server/db/schema/index.ts',
  out: './src/server/db/migrations',
});
