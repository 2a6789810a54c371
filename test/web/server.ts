/**
 * Starts `healthsync start` as a child process on a fresh embedded database (temp DATA_DIR, free port)
 * and reads the URL and the demo accounts from its banner, as a person following the README would.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface StartedServer {
  url: string;
  accounts: Record<'admin' | 'doctor' | 'patient', { email: string; password: string }>;
  stop(): Promise<void>;
  /** Everything the server printed so far (for a failing test's message). */
  output(): string;
}

const ROOT = path.resolve(import.meta.dirname, '../..');

function parseBanner(text: string): Omit<StartedServer, 'stop' | 'output'> | undefined {
  const url = /Open:\s+(http:\/\/\S+)/.exec(text)?.[1];
  const accounts: Partial<StartedServer['accounts']> = {};
  for (const m of text.matchAll(/^\s+(admin|doctor|patient)\s+(\S+@\S+)\s+(\S+)\s*$/gm))
    accounts[m[1] as 'admin'] = { email: m[2]!, password: m[3]! };
  if (!url || !accounts.admin || !accounts.doctor || !accounts.patient || !text.includes('Press Ctrl-C'))
    return undefined;
  return { url, accounts: accounts as StartedServer['accounts'] };
}

/** `healthsync pipeline run` on the data dir before the server owns it, so the dashboard has reports. */
function runPipeline(env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['src/cli/main.ts', 'pipeline', 'run', '--patients', '300'],
      { cwd: ROOT, env, maxBuffer: 20 * 1024 * 1024 },
      (err, _stdout, stderr) => (err ? reject(new Error(`pipeline run failed: ${stderr}`)) : resolve()),
    );
  });
}

export async function startServer(
  options: { pipeline?: boolean; timeoutMs?: number } = {},
): Promise<StartedServer> {
  const timeoutMs = options.timeoutMs ?? 240_000;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hs-e2e-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  if (options.pipeline) await runPipeline(env);
  const child: ChildProcess = spawn(process.execPath, ['src/cli/main.ts', 'start'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === (null as number | null)) child.kill('SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const banner = parseBanner(out);
    if (banner) return { ...banner, stop, output: () => out };
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`healthsync start did not come up:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
