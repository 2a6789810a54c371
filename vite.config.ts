/**
 * The web app's build (Vite root `web/`, output `web/dist/`) and the dev server, which proxies the API to
 * the HealthSync server started by `npm run dev` (API_ORIGIN, default http://localhost:3000).
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = process.env.API_ORIGIN ?? 'http://localhost:3000';

export default defineConfig({
  root: fileURLToPath(new URL('./web', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // Vendor code changes rarely: its own chunk stays cached across app releases.
    chunkSizeWarningLimit: 900,
  },
  server: {
    proxy: Object.fromEntries(['/api', '/health', '/ready', '/fhir'].map((p) => [p, api])),
  },
});
