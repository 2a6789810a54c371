import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.ts';
import { acquireDataDirLock, lockPath, readLock } from './lock.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'healthsync-lock-'));

/** A pid that certainly belongs to no live process: a child that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('data dir lock', () => {
  it('holds the owner pid and port, and is removed on release', () => {
    const dir = tmp();
    const lock = acquireDataDirLock(dir, 'start');
    lock.update({ port: 4321 });
    expect(readLock(dir)).toMatchObject({ pid: process.pid, command: 'start', port: 4321 });
    lock.release();
    expect(existsSync(lockPath(dir))).toBe(false);
  });

  it('refuses a second owner while the first is alive, naming its pid and port', () => {
    const dir = tmp();
    const lock = acquireDataDirLock(dir, 'start');
    lock.update({ port: 3000 });
    try {
      let error: unknown;
      try {
        acquireDataDirLock(dir, 'migrate');
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('datadir.locked');
      expect((error as AppError).detail).toContain(`process ${process.pid} (healthsync start on port 3000)`);
    } finally {
      lock.release();
    }
  });

  it('takes over a stale lock left by a crashed process', () => {
    const dir = tmp();
    writeFileSync(lockPath(dir), JSON.stringify({ pid: deadPid(), startedAt: new Date().toISOString() }));
    const lock = acquireDataDirLock(dir, 'start');
    expect(readLock(dir)?.pid).toBe(process.pid);
    lock.release();
  });

  it('takes over a half-written lock file', () => {
    const dir = tmp();
    writeFileSync(lockPath(dir), '{"pid":');
    const lock = acquireDataDirLock(dir, 'start');
    expect(readLock(dir)?.pid).toBe(process.pid);
    lock.release();
  });
});
