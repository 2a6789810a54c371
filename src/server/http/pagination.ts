/**
 * Keyset pagination: the cursor carries the sort key and id of the last item, so a page costs one index
 * range scan however deep the client has paged, and inserts never shift pages.
 */
import { AppError } from '../../core/errors.ts';
import { isUuid } from '../../core/ids.ts';
import type { Page } from '../../core/pagination.ts';

export type CursorKey = [sortValue: string, id: string];

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): CursorKey | undefined {
  if (cursor === undefined) return undefined;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === 2 &&
      key.every((k) => typeof k === 'string') &&
      isUuid(key[1] as string)
    ) {
      return key as CursorKey;
    }
  } catch {
    /* fall through */
  }
  throw new AppError(400, 'validation.failed', 'Validation failed', {
    detail: 'The cursor is not one this server issued.',
    errors: [{ path: 'query.cursor', message: 'must be a cursor returned by a previous page' }],
  });
}

/** Rows were fetched with `limit + 1`: the extra row only tells whether there is a next page. */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => CursorKey): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}
