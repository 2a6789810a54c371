/**
 * The real CLI in child processes, as a user runs it: first start (migrations + demo data), a second
 * process refused on the locked data dir, Ctrl-C shutting down cleanly, and a warm restart that keeps the data.
 * Always embedded: this is the no-external-service path of `npm start`.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = join(import.meta.dirname, '..', 'src', 'cli', 'main.ts');
const dataDir = mkdtempSync(join(tmpdir(), 'healthsync-cli-'));
const env = { ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', DATABASE_URL: '' };
const children: ChildProcessWithoutNullStreams[] = [];

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
});

interface Started {
  child: ChildProcessWithoutNullStreams;
  url: string;
  output: () => string;
}

/** Starts `healthsync start` and resolves once it prints its URL and the Ctrl-C hint. */
function start(): Promise<Started> {
  const child = spawn(process.execPath, [CLI, 'start'], { env });
  children.push(child);
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner in time:\n${out}`)), 45_000);
    child.stdout.on('data', () => {
      const url = /Open:\s+(http:\/\/\S+)/.exec(out)?.[1];
      if (url && out.includes('Ctrl-C')) {
        clearTimeout(timer);
        resolve({ child, url, output: () => out });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${String(code)}:\n${out}`));
    });
  });
}

function interrupt(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => {
    child.on('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });
}

describe('healthsync start', () => {
  it('starts on a fresh data dir with demo data, refuses a second process, and stops cleanly', async () => {
    const first = await start();
    expect(first.output()).toMatch(/Demo data loaded: 3 clinics, 12 doctors, 200 patients/);
    expect(first.output()).toMatch(/admin\s+\S+@\S+\s+\S{16,}/);

    const home = await fetch(first.url);
    expect(home.status).toBe(200);
    const doctors = (await (await fetch(`${first.url}/api/v1/doctors?limit=100`)).json()) as {
      items: unknown[];
    };
    expect(doctors.items).toHaveLength(12);

    const second = spawnSync(process.execPath, [CLI, 'migrate'], { env, encoding: 'utf8' });
    expect(second.status).not.toBe(0);
    expect(second.stderr.trim().split('\n')).toHaveLength(1);
    expect(second.stderr).toContain(`process ${String(first.child.pid)}`);
    expect(second.stderr).toContain('[datadir.locked]');

    expect(await interrupt(first.child)).toBe(0);
    expect(first.output()).toContain('HealthSync stopped.');
    expect(existsSync(join(dataDir, 'owner.lock'))).toBe(false);
  });

  it('reuses the data on the next start without loading the demo twice', async () => {
    const again = await start();
    expect(again.output()).not.toContain('Demo data loaded');
    expect(again.output()).toContain('printed on the first start');
    const doctors = (await (await fetch(`${again.url}/api/v1/doctors?limit=100`)).json()) as {
      items: unknown[];
    };
    expect(doctors.items).toHaveLength(12);
    expect(await interrupt(again.child)).toBe(0);
  });

  it('stops at start-up with a one-line message naming a bad variable', () => {
    const bad = spawnSync(process.execPath, [CLI, 'start'], {
      env: { ...env, PORT: 'eighty' },
      encoding: 'utf8',
    });
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim()).toMatch(/^healthsync: PORT: .*\[config\.invalid\]$/);
  });
});
