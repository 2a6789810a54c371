/**
 * Object keys: `/`-separated segments such as `raw/appointments/date=2026-11-20/appointments.parquet`.
 * One rule for every backend, so a key that works on the local disk also works on S3 and back: no empty,
 * `.` or `..` segments, no leading or trailing `/`, and only characters that are safe in file names and URLs.
 */
import { AppError } from '../../core/errors.ts';

const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._=+-]*$/;
const MAX_KEY_LENGTH = 1024;

export function invalidKey(key: string, why: string): AppError {
  return new AppError(400, 'store.invalid_key', 'Invalid object key', {
    detail: `Object key ${JSON.stringify(key.slice(0, 200))} ${why}.`,
  });
}

/** Throws `store.invalid_key` unless `key` is a well-formed object key; returns it unchanged. */
export function validateKey(key: string): string {
  if (key.length === 0 || key.length > MAX_KEY_LENGTH)
    throw invalidKey(key, `must be 1–${String(MAX_KEY_LENGTH)} characters`);
  for (const segment of key.split('/')) {
    if (segment === '' || segment === '.' || segment === '..')
      throw invalidKey(key, 'has an empty, "." or ".." segment');
    if (!SEGMENT.test(segment))
      throw invalidKey(key, 'may contain only letters, digits and . _ = + - within segments');
  }
  return key;
}

/**
 * A list prefix: empty (everything), or a key prefix. A prefix ending in `/` lists a "folder"; one without
 * lists keys starting with it (`raw/app` matches `raw/appointments/…`). The same `..` rules apply.
 */
export function validatePrefix(prefix: string): string {
  if (prefix === '') return prefix;
  const bad =
    prefix.length > MAX_KEY_LENGTH ||
    !/^[A-Za-z0-9._=+/-]+$/.test(prefix) ||
    prefix.startsWith('/') ||
    prefix.includes('//') ||
    prefix.split('/').some((s) => s === '.' || s === '..');
  if (bad) throw invalidKey(prefix, 'is not a valid prefix');
  return prefix;
}

export function notFoundError(key: string): AppError {
  return new AppError(404, 'store.not_found', 'Object not found', { detail: `No object at ${key}.` });
}
