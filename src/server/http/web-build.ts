/**
 * Builds the web app once and keeps it: `npm start` (and the browser tests) call ensureWebBuild(), which
 * rebuilds web/dist only when its sources changed since the last build (a fingerprint of the files
 * under web/, src/core and vite.config.ts, stored in web/dist). Vite is a dev dependency: on an install
 * without it the server serves the plain landing page and says why.
 */
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SOURCES = ['web', 'src/core', 'vite.config.ts'];
const SKIP = new Set(['dist', 'node_modules']);
const STAMP = '.fingerprint';

export type WebBuildResult = 'fresh' | 'built' | 'unavailable';

async function filesUnder(rel: string): Promise<string[]> {
  const entries = await readdir(path.join(ROOT, rel), { withFileTypes: true }).catch(() => null);
  if (!entries) return [rel];
  const nested = await Promise.all(
    entries
      .filter((e) => !SKIP.has(e.name) && !e.name.startsWith('.'))
      .map(async (e) => (e.isDirectory() ? filesUnder(path.join(rel, e.name)) : [path.join(rel, e.name)])),
  );
  return nested.flat();
}

/** A hash of the paths and contents of every source file of the web build. */
export async function webFingerprint(): Promise<string> {
  const files = (await Promise.all(SOURCES.map(filesUnder))).flat().sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(file).update('\0');
    hash.update(await readFile(path.join(ROOT, file)).catch(() => Buffer.alloc(0))).update('\0');
  }
  return hash.digest('hex');
}

/** One build at a time across processes (e.g. `npm start` beside `npm test`): a lock directory. */
async function withLock<T>(work: () => Promise<T>): Promise<T> {
  const lock = path.join(ROOT, 'web', '.build-lock');
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch {
      // A build takes seconds: a lock older than two minutes was left by a killed process.
      const age = await stat(lock).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > 120_000) await rmdir(lock).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await work();
  } finally {
    await rmdir(lock).catch(() => undefined);
  }
}

/** `vite build` in a child process with NODE_ENV=production (a test runner's NODE_ENV=test would give React's development build). */
function viteBuild(viteBin: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [viteBin, 'build', '--logLevel', 'warn'],
      { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production' }, maxBuffer: 10 * 1024 * 1024 },
      (err, _stdout, stderr) => {
        if (err) reject(new Error(`The web app build failed: ${stderr.trim() || err.message}`));
        else resolve();
      },
    );
  });
}

export async function ensureWebBuild(log: (line: string) => void = () => undefined): Promise<WebBuildResult> {
  const dist = path.join(ROOT, 'web', 'dist');
  const want = await webFingerprint();
  const built = () => readFile(path.join(dist, STAMP), 'utf8').catch(() => '');
  if ((await built()) === want) return 'fresh';
  return withLock(async () => {
    if ((await built()) === want) return 'fresh';
    const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
    if (!existsSync(vite)) {
      log('The web app is not built and Vite is not installed (npm ci installs it): serving the plain page.');
      return 'unavailable';
    }
    log('Building the web app (once; rebuilt only when web/ or src/core change)…');
    const started = Date.now();
    await viteBuild(vite);
    await writeFile(path.join(dist, STAMP), want);
    log(`Web app built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    return 'built';
  });
}
