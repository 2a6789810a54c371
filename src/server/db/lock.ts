/**
 * Single-owner lock for an embedded data dir. Two processes opening one PGlite data dir silently lose
 * writes, so the owner holds `<dataDir>/owner.lock`, created with O_EXCL, holding its pid and port.
 * A lock whose pid is no longer a live process is stale (a crash) and is taken over.
 * (proper-lockfile was rejected: its stale timer fired while PGlite blocked the event loop.)
 */
import { mkdirSync, openSync, readFileSync, unlinkSync, writeFileSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../core/errors.ts';

export interface LockInfo {
  pid: number;
  port?: number | undefined;
  command?: string | undefined;
  startedAt: string;
}

export interface DataDirLock {
  readonly path: string;
  /** Records the HTTP port once listening, so CLI commands can hand work to the running server. */
  update(info: Partial<Pick<LockInfo, 'port'>>): void;
  release(): void;
}

export const lockPath = (dataDir: string): string => join(dataDir, 'owner.lock');

export function readLock(dataDir: string): LockInfo | undefined {
  try {
    return JSON.parse(readFileSync(lockPath(dataDir), 'utf8')) as LockInfo;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireDataDirLock(dataDir: string, command?: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const path = lockPath(dataDir);
  const info: LockInfo = { pid: process.pid, command, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeFileSync(fd, JSON.stringify(info));
      closeSync(fd);
      return makeLock(path, info);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = readLock(dataDir);
    if (owner && isAlive(owner.pid)) throw lockedError(dataDir, owner);
    // Stale lock from a crashed process (or a half-written file): remove it and try again.
    try {
      unlinkSync(path);
    } catch {
      /* someone else removed it first */
    }
  }
  throw lockedError(dataDir, readLock(dataDir));
}

function makeLock(path: string, info: LockInfo): DataDirLock {
  let held = true;
  return {
    path,
    update(extra) {
      if (!held) return;
      Object.assign(info, extra);
      writeFileSync(path, JSON.stringify(info));
    },
    release() {
      if (!held) return;
      held = false;
      try {
        unlinkSync(path);
      } catch {
        /* already gone */
      }
    },
  };
}

function lockedError(dataDir: string, owner: LockInfo | undefined): AppError {
  const who = owner
    ? `process ${owner.pid}${owner.command ? ` (healthsync ${owner.command}` + (owner.port ? ` on port ${owner.port})` : ')') : ''}`
    : 'another process';
  return new AppError(409, 'datadir.locked', 'Data directory in use', {
    detail:
      `The data directory ${dataDir} is in use by ${who}. Only one process may open the embedded database: ` +
      'stop that process first, or set DATABASE_URL to use a PostgreSQL server shared by many processes.',
  });
}
