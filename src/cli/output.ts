/** CLI conventions: one-line reasons on stderr and a non-zero exit on failure; `--json` for machines. */
import { isAppError } from '../core/errors.ts';

export function failureLine(err: unknown): string {
  if (isAppError(err)) {
    const fields = err.errors?.map((e) => `${e.path}: ${e.message}`).join('; ');
    const text = err.code === 'validation.failed' && fields ? fields : (err.detail ?? err.title);
    return `healthsync: ${text} [${err.code}]`;
  }
  const message = err instanceof Error ? err.message : String(err);
  return `healthsync: unexpected error: ${message.split('\n')[0]}`;
}

/** Wraps a command action: failures print one line and set the exit code instead of a stack trace. */
export function action<A extends unknown[]>(
  fn: (...args: A) => Promise<void>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (err) {
      process.stderr.write(failureLine(err) + '\n');
      process.exitCode = 1;
    }
  };
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}
