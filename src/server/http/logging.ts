/**
 * Logger options: structured JSON (pino) with PHI kept out. Requests are logged by method, route pattern,
 * path without query string (queries can carry symptoms or names) and status; credentials are redacted.
 */
import pino, { type Logger } from 'pino';

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passwordHash',
  '*.token',
  '*.otp',
  '*.email',
  '*.phone',
  '*.name',
  '*.birthDate',
];

interface LoggableRequest {
  id: string;
  method: string;
  url: string;
  routeOptions?: { url?: string };
  ip?: string;
}

export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      req: (req: LoggableRequest) => ({
        id: req.id,
        method: req.method,
        route: req.routeOptions?.url,
        path: req.url.split('?')[0],
        ip: req.ip,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}
