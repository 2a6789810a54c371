/**
 * The one error type of HealthSync. Services throw it; the HTTP layer turns it into
 * application/problem+json (RFC 9457) and the CLI into a one-line message. `code` is stable:
 * clients and tests match on it, never on `detail`, which is for people.
 * Pure: shared by server, CLI and web app.
 */

export interface FieldError {
  /** Where the bad value is, e.g. `body.email`, `query.limit`, `row 12: Age`. */
  path: string;
  message: string;
}

export interface AppErrorOptions {
  detail?: string;
  errors?: FieldError[];
  cause?: unknown;
  /** Extra headers for HTTP replies, e.g. `Allow` on 405 or `Retry-After` on 429. */
  headers?: Record<string, string>;
}

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(status: number, code: string, title: string, options: AppErrorOptions = {}) {
    super(options.detail ?? title, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.status = status;
    this.code = code;
    this.title = title;
    this.detail = options.detail;
    this.errors = options.errors;
    this.headers = options.headers;
  }
}

export const badRequest = (code: string, detail: string, errors?: FieldError[]): AppError =>
  new AppError(400, code, 'Bad request', { detail, ...(errors ? { errors } : {}) });

export const validationFailed = (
  errors: FieldError[],
  detail = 'The request has invalid fields.',
): AppError => new AppError(400, 'validation.failed', 'Validation failed', { detail, errors });

export const notFound = (code: string, detail: string): AppError =>
  new AppError(404, code, 'Not found', { detail });

export const conflict = (code: string, detail: string): AppError =>
  new AppError(409, code, 'Conflict', { detail });

export const forbidden = (code: string, detail: string): AppError =>
  new AppError(403, code, 'Forbidden', { detail });

export const unauthorized = (code: string, detail: string): AppError =>
  new AppError(401, code, 'Unauthorized', { detail });

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
