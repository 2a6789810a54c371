/**
 * `npm run dev`: the HealthSync server (API, workers, embedded database) on PORT (default 3000) and the Vite
 * dev server with hot reload on 5173, which proxies /api, /health, /ready and /fhir to it (vite.config.ts).
 */
import { spawn } from 'node:child_process';
import { createServer } from 'vite';

const apiPort = process.env.PORT ?? '3000';
process.env.API_ORIGIN ??= `http://localhost:${apiPort}`;

const api = spawn(process.execPath, ['src/cli/main.ts', 'start'], {
  stdio: 'inherit',
  env: { ...process.env, PORT: apiPort },
});
const vite = await createServer({ configFile: 'vite.config.ts', server: { port: 5173 } });
await vite.listen();
vite.printUrls();
console.log(`Web app with hot reload: http://localhost:5173 (API on port ${apiPort})`);

const stop = () => {
  api.kill('SIGTERM');
  void vite.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
api.on('exit', (code) => {
  void vite.close().then(() => process.exit(code ?? 0));
});
