/**
 * Form helpers for modals and inline forms: a request's problem+json field errors by field name, so each
 * message shows next to its field (pair with `useAction(fn, { errors: 'form' })` from ui.tsx).
 */
import { ApiError, errorText } from './api.ts';

/** `{ name: 'must be …' }` from a failed request (`body.name` → `name`); {} when none names a field. */
export function fieldErrors(err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(err instanceof ApiError)) return out;
  for (const e of err.errors) {
    const key = e.path.replace(/^body\.?/, '').split('.')[0] ?? '';
    if (key && !(key in out)) out[key] = e.message;
  }
  return out;
}

/** The error in words unless one of `shown` fields already carries it; undefined when nothing to say. */
export function formError(err: unknown, shown: readonly string[]): string | undefined {
  if (!err) return undefined;
  const fields = Object.keys(fieldErrors(err));
  if (fields.length > 0 && fields.every((f) => shown.includes(f))) return undefined;
  return errorText(err);
}
