/**
 * Form helpers for modals and inline forms: a request's problem+json field errors by field name, so each
 * message shows next to its field, and a mutation that reports success as a notification but leaves
 * failures to the form (shown in words where they belong, not only in a toast that vanishes).
 */
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
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

/** A mutation for a form: invalidates `invalidate`, notifies `success`, and keeps the error for the form. */
export function useFormAction<V, R = unknown>(
  fn: (vars: V) => Promise<R>,
  options: { success?: (r: R) => string; invalidate?: QueryKey[]; onSuccess?: (r: R) => void } = {},
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (result) => {
      for (const key of options.invalidate ?? []) await client.invalidateQueries({ queryKey: key });
      if (options.success) notifications.show({ color: 'teal', message: options.success(result) });
      options.onSuccess?.(result);
    },
  });
}
