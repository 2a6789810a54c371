/** Identifiers: UUIDv7 ids, and human-readable codes (`C001`, `D0001`, `P0001`) accepted wherever an id is. */
import { z } from 'zod';

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const uuidSchema = z.string().regex(UUID_RE, 'must be a UUID');

/** An id or the entity's code, e.g. `idOrCode('D')` accepts a UUID or `D0042`. */
export const idOrCode = (prefix: string) =>
  z
    .string()
    .refine((v) => UUID_RE.test(v) || new RegExp(`^${prefix}\\d{1,12}$`).test(v), {
      message: `must be a UUID or a code like ${prefix}0001`,
    })
    .describe(`UUID or code (${prefix}0001)`);

export const isUuid = (v: string): boolean => UUID_RE.test(v);
