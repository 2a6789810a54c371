/**
 * Start-up and idle cost of `healthsync start` in embedded mode: cold first start (new data dir,
 * migrations, demo data), warm start (existing data), resident memory at idle. Baseline measured in the
 * same run: opening a bare PGlite on a new and on an existing data dir, which no start can beat.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = join(import.meta.dirname, '..', '..', 'src', 'cli', 'main.ts');

function startAndMeasure(dataDir: string): Promise<{ ms: number; rssMb: number }> {
  const began = performance.now();
  const env = { ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', DATABASE_URL: '' };
  const child = spawn(process.execPath, [CLI, 'start'], { env });
  let out = '';
  let measured = false;
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const url = /Open:\s+(\S+)/.exec(out)?.[1];
      if (measured || !url || !out.includes('Ctrl-C')) return;
      measured = true;
      void (async () => {
        await fetch(url);
        const ms = performance.now() - began;
        await new Promise((r) => setTimeout(r, 3000));
        const status = readFileSync(`/proc/${String(child.pid)}/status`, 'utf8');
        const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
        child.on('exit', () => resolve({ ms, rssMb: rssKb / 1024 }));
        child.kill('SIGINT');
      })();
    });
    child.on('error', reject);
  });
}

function bareOpen(dataDir: string): { ms: number; rssMb: number } {
  const script = `
    import { PGlite } from '@electric-sql/pglite';
    const t = performance.now();
    const db = await PGlite.create(${JSON.stringify(join(dataDir, 'pgdata'))});
    await db.query('select 1');
    const ms = performance.now() - t;
    process.stdout.write(JSON.stringify({ ms, rssMb: process.memoryUsage().rss / 1048576 }));
    await db.close();`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    cwd: process.cwd(),
  });
  return JSON.parse(r.stdout) as { ms: number; rssMb: number };
}

const dir = mkdtempSync(join(tmpdir(), 'healthsync-bench-'));
const baseDir = mkdtempSync(join(tmpdir(), 'healthsync-bench-base-'));
try {
  const cold = await startAndMeasure(dir);
  const warm = await startAndMeasure(dir);
  const bareCold = bareOpen(baseDir);
  const bareWarm = bareOpen(baseDir);
  console.log(`cold first start (migrate + demo data, until first HTTP answer): ${cold.ms.toFixed(0)} ms`);
  console.log(`warm start (existing data dir, until first HTTP answer):        ${warm.ms.toFixed(0)} ms`);
  console.log(`resident memory at idle (3 s after start):                     ${warm.rssMb.toFixed(0)} MiB`);
  console.log(`baseline: bare PGlite open, new data dir:                      ${bareCold.ms.toFixed(0)} ms`);
  console.log(`baseline: bare PGlite open, existing data dir:                 ${bareWarm.ms.toFixed(0)} ms`);
  console.log(
    `baseline: resident memory of a bare PGlite process:            ${bareWarm.rssMb.toFixed(0)} MiB`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
  rmSync(baseDir, { recursive: true, force: true });
}
