/**
 * RFC 9457 problem+json: every error reply in one shape with a stable `code`.
 * The caller's mistakes are 4xx; anything unexpected is a bare 500 with no detail (details go to the log,
 * which is PHI-redacted). Never a stack trace, never patient data.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, isAppError, type FieldError } from '../../core/errors.ts';
import { sqlState } from '../db/errors.ts';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string | undefined;
  code: string;
  instance?: string | undefined;
  requestId?: string | undefined;
  errors?: FieldError[] | undefined;
}

export const PROBLEM_TYPE_BASE = 'https://healthsync.dev/problems/';

const CONTEXT_NAMES: Record<string, string> = {
  querystring: 'query',
  params: 'params',
  body: 'body',
  headers: 'headers',
};

/** Fastify's own errors that are the caller's fault, by Fastify error code. */
const FASTIFY_CLIENT_ERRORS: Record<string, [number, string, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'request.malformed_json', 'The body is not valid JSON.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'request.empty_body', 'The JSON body is empty.'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'request.too_large', 'The request body is larger than allowed.'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    415,
    'request.unsupported_media_type',
    'This content type is not accepted here.',
  ],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [
    400,
    'request.bad_content_length',
    'Content-Length does not match the body.',
  ],
  FST_ERR_CTP_INVALID_TYPE: [400, 'request.bad_content_type', 'The Content-Type header is invalid.'],
  FST_ERR_BAD_URL: [400, 'request.bad_url', 'The URL is malformed.'],
  FST_ERR_MAX_PARAM_LENGTH: [414, 'request.uri_too_long', 'A part of the URL is longer than allowed.'],
  FST_ERR_ASYNC_CONSTRAINT: [
    400,
    'request.bad_constraint',
    'The request does not satisfy a route constraint.',
  ],
  FST_ERR_RATE_LIMITED: [429, 'request.rate_limited', 'Too many requests: slow down and retry later.'],
};

/** PostgreSQL SQLSTATEs that mean the request conflicts with data, not that the server broke. */
const SQLSTATE_ERRORS: Record<string, [number, string, string]> = {
  '23505': [409, 'conflict.duplicate', 'A record with the same unique value already exists.'],
  '23P01': [409, 'conflict.overlap', 'This overlaps an existing record.'],
  '23503': [409, 'conflict.reference', 'This refers to a record that does not exist or is still in use.'],
  '40P01': [409, 'conflict.concurrent', 'Another change happened at the same moment: try again.'],
  '40001': [409, 'conflict.concurrent', 'Another change happened at the same moment: try again.'],
  '23514': [400, 'validation.constraint', 'A value is outside its allowed range.'],
  '22P02': [400, 'validation.format', 'A value has the wrong format.'],
  '22007': [400, 'validation.format', 'A date or time value has the wrong format.'],
  '22008': [400, 'validation.range', 'A date or time value is out of range.'],
  '22003': [400, 'validation.range', 'A number is out of range.'],
  '22001': [400, 'validation.too_long', 'A value is too long.'],
  // PostgreSQL text cannot hold NUL (U+0000); a caller sending one gets this, not a 500.
  '22021': [400, 'validation.format', 'A value contains a character that cannot be stored (such as NUL).'],
};

export { sqlState };

export function toAppError(err: unknown): AppError | undefined {
  if (isAppError(err)) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const context =
      CONTEXT_NAMES[(err as { validationContext?: string }).validationContext ?? ''] ?? 'request';
    const errors = err.validation.map((v) => ({
      path: context + (v.instancePath === '/' ? '' : v.instancePath.replaceAll('/', '.')),
      message: v.message ?? 'is invalid',
    }));
    return new AppError(400, 'validation.failed', 'Validation failed', {
      detail: `Invalid ${errors.map((e) => e.path).join(', ')}.`,
      errors,
    });
  }
  const fastifyCode = (err as FastifyError).code;
  const known = fastifyCode ? FASTIFY_CLIENT_ERRORS[fastifyCode] : undefined;
  if (known) return new AppError(known[0], known[1], titleFor(known[0]), { detail: known[2] });
  const state = sqlState(err);
  const db = state ? SQLSTATE_ERRORS[state] : undefined;
  if (db) return new AppError(db[0], db[1], titleFor(db[0]), { detail: db[2] });
  // Any other error Fastify marks as the client's (4xx), e.g. a malformed header.
  const status = (err as FastifyError).statusCode;
  if (status && status >= 400 && status < 500) {
    return new AppError(status, 'request.invalid', titleFor(status), {
      detail: 'The request could not be processed.',
    });
  }
  return undefined;
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Content too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

export const titleFor = (status: number): string => TITLES[status] ?? 'Error';

export function problemOf(err: AppError, request: FastifyRequest): Problem {
  return {
    type: PROBLEM_TYPE_BASE + err.code.replaceAll('.', '/'),
    title: err.title,
    status: err.status,
    detail: err.detail,
    code: err.code,
    instance: request.url.split('?')[0],
    requestId: request.id,
    ...(err.errors ? { errors: err.errors } : {}),
  };
}

export function sendProblem(reply: FastifyReply, err: AppError): FastifyReply {
  if (err.headers) void reply.headers(err.headers);
  // Set here too: router-level errors (frameworkErrors) skip the onSend hook that normally adds it.
  void reply.header('x-request-id', reply.request.id);
  return reply
    .status(err.status)
    .type('application/problem+json; charset=utf-8')
    .serializer(JSON.stringify)
    .send(problemOf(err, reply.request));
}

export function errorHandler(err: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const known = toAppError(err);
  if (known) {
    if (known.status >= 500) request.log.error({ err }, 'request failed');
    return sendProblem(reply, known);
  }
  // Log the error object (message, stack, SQLSTATE) but never the request body: it may hold patient data.
  request.log.error({ err }, 'unhandled error');
  return sendProblem(
    reply,
    new AppError(500, 'internal', 'Internal server error', {
      detail: 'Something went wrong on our side. The request id identifies it in our logs.',
    }),
  );
}
