/**
 * The object store on a local directory (the embedded default, `$DATA_DIR/objects`). A key's segments are
 * its folders; writes go to a hidden temporary file beside the target and are renamed into place, so a
 * crash mid-write leaves the old object (or none) and never a partial one. Keys are validated and every
 * resolved path is checked to stay inside the root.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../core/errors.ts';
import type { ObjectBody, ObjectInfo, ObjectStore, PutResult } from './index.ts';
import { invalidKey, notFoundError, validateKey, validatePrefix } from './keys.ts';

const isMissing = (err: unknown): boolean =>
  ['ENOENT', 'ENOTDIR', 'EISDIR'].includes((err as NodeJS.ErrnoException).code ?? '');

/** A pass-through stream that counts and hashes what flows through it. */
export function hashingStream(): { stream: Transform; result: () => { bytes: number; sha256: string } } {
  const hash = createHash('sha256');
  let bytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      bytes += chunk.length;
      callback(null, chunk);
    },
  });
  return { stream, result: () => ({ bytes, sha256: hash.digest('hex') }) };
}

export const toReadable = (body: ObjectBody): Readable =>
  body instanceof Readable
    ? body
    : Readable.from([Buffer.from(body.buffer, body.byteOffset, body.byteLength)]);

export class LocalObjectStore implements ObjectStore {
  readonly kind = 'local' as const;
  readonly location: string;
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
    this.location = pathToFileURL(this.root).href;
  }

  /** The file holding `key`; refuses anything that would resolve outside the root. */
  pathOf(key: string): string {
    const path = resolve(this.root, ...validateKey(key).split('/'));
    if (!path.startsWith(this.root + sep)) throw invalidKey(key, 'leaves the store');
    return path;
  }

  async put(key: string, body: ObjectBody): Promise<PutResult> {
    const target = this.pathOf(key);
    const temporary = join(dirname(target), `.tmp-${String(process.pid)}-${randomBytes(6).toString('hex')}`);
    const hashing = hashingStream();
    try {
      await mkdir(dirname(target), { recursive: true });
      await pipeline(toReadable(body), hashing.stream, createWriteStream(temporary, { flags: 'wx' }));
      // Flush to disk before the rename makes the object visible: a crash then leaves old or new, not empty.
      const file = await open(temporary, 'r+');
      try {
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temporary, target);
    } catch (err) {
      await rm(temporary, { force: true }).catch(() => undefined);
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EISDIR' || code === 'ENOTDIR' || code === 'EEXIST') {
        throw new AppError(409, 'store.key_conflict', 'Object key conflict', {
          detail: `${key} is both an object and a folder of objects.`,
        });
      }
      throw err;
    }
    return { key, ...hashing.result() };
  }

  async putFile(key: string, path: string): Promise<PutResult> {
    return this.put(key, createReadStream(path));
  }

  async get(key: string): Promise<Uint8Array> {
    try {
      return await readFile(this.pathOf(key));
    } catch (err) {
      if (isMissing(err)) throw notFoundError(key);
      throw err;
    }
  }

  async getStream(key: string): Promise<Readable> {
    try {
      const file = await open(this.pathOf(key), 'r');
      if (!(await file.stat()).isFile()) {
        await file.close();
        throw notFoundError(key);
      }
      return file.createReadStream();
    } catch (err) {
      if (isMissing(err)) throw notFoundError(key);
      throw err;
    }
  }

  async stat(key: string): Promise<ObjectInfo | undefined> {
    try {
      const info = await stat(this.pathOf(key));
      return info.isFile() ? { key, bytes: info.size } : undefined;
    } catch (err) {
      if (isMissing(err)) return undefined;
      throw err;
    }
  }

  async exists(key: string): Promise<boolean> {
    return (await this.stat(key)) !== undefined;
  }

  async list(prefix: string): Promise<string[]> {
    validatePrefix(prefix);
    // Walk only the deepest folder the prefix names completely.
    const folder = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    const base = folder ? resolve(this.root, ...folder.split('/')) : this.root;
    let entries;
    try {
      entries = await readdir(base, { recursive: true, withFileTypes: true });
    } catch (err) {
      if (isMissing(err)) return [];
      throw err;
    }
    const keys: string[] = [];
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const key = relative(this.root, join(entry.parentPath, entry.name)).split(sep).join('/');
      // Hidden names are temporary files of writes in progress (keys cannot start a segment with ".").
      if (key.startsWith(prefix) && !key.split('/').some((s) => s.startsWith('.'))) keys.push(key);
    }
    return keys.sort();
  }

  async delete(key: string): Promise<void> {
    const path = this.pathOf(key);
    await rm(path, { force: true });
    // Tidy folders left empty, up to the root; a folder still in use stops the walk.
    for (let dir = dirname(path); dir.startsWith(this.root + sep); dir = dirname(dir)) {
      try {
        await rmdir(dir);
      } catch {
        break;
      }
    }
  }

  async localPath(key: string): Promise<string> {
    if (!(await this.exists(key))) throw notFoundError(key);
    return this.pathOf(key);
  }

  close(): void {
    // Nothing to release: every call opens and closes its own files.
  }
}
