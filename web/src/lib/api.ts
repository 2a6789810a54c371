/**
 * The API client: JSON in and out, the session cookie, the CSRF header on writes, and errors turned into
 * words from the API's problem+json (RFC 9457) so every screen can show what went wrong.
 */

export interface FieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  readonly errors: FieldError[];

  constructor(status: number, message: string, code?: string, errors: FieldError[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.errors = errors;
  }
}

interface Problem {
  title?: string;
  detail?: string;
  code?: string;
  errors?: FieldError[];
}

let csrfToken: string | null = null;
export const setCsrfToken = (token: string | null): void => {
  csrfToken = token;
};

export type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {}))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** A readable sentence from a problem document: its detail (or title) and any field errors. */
export function problemMessage(problem: Problem, status: number): string {
  const head = problem.detail ?? problem.title ?? `The server answered ${String(status)}.`;
  const fields = (problem.errors ?? []).map((e) => (e.path ? `${e.path}: ${e.message}` : e.message));
  return fields.length > 0 ? `${head} ${fields.join('; ')}` : head;
}

async function toError(res: Response): Promise<ApiError> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    const problem = (await res.json().catch(() => ({}))) as Problem;
    return new ApiError(res.status, problemMessage(problem, res.status), problem.code, problem.errors);
  }
  return new ApiError(res.status, `The server answered ${String(res.status)} ${res.statusText}.`);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Query;
  headers?: Record<string, string>;
}

/** Calls `/api/v1<path>`; resolves with the parsed JSON body, rejects with an ApiError. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(withQuery(`/api/v1${path}`, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
  } catch {
    throw new ApiError(0, 'Could not reach HealthSync. Check your connection and try again.');
  }
  if (!res.ok) throw await toError(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** A text field of a submitted form ('' when absent). */
export const field = (form: FormData, key: string): string => {
  const value = form.get(key);
  return typeof value === 'string' ? value : '';
};

export const errorText = (err: unknown): string =>
  err instanceof Error ? err.message : 'Something went wrong.';
