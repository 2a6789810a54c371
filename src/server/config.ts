/**
 * Environment → typed configuration (12-factor). Validated with zod at start-up; a bad value stops
 * start-up with a message naming the variable. `.env.example` lists every variable.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { AppError } from '../core/errors.ts';
import type { ObjectStoreConfig } from '../pipeline/store/index.ts';
import { bool, cidrList, notificationEnv, pipelineEnv, storageEnv } from './config-env.ts';
import type { Config, NotificationSettings } from './config-types.ts';

export type * from './config-types.ts';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('localhost'),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATA_DIR: z.string().min(1).default('./.healthsync'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  DEMO_DATA: bool.default(true),
  METRICS_ALLOW: cidrList.default([
    '127.0.0.0/8',
    '::1/128',
    '10.0.0.0/8',
    '172.16.0.0/12',
    '192.168.0.0/16',
    'fc00::/7',
  ]),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(60),
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  CONSENT_GRANT_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 365)
    .default(24),
  CANCEL_CUTOFF_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 30)
    .default(24),
  ...notificationEnv,
  ...storageEnv,
  ...pipelineEnv,
  BODY_LIMIT: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(1024 * 1024),
});

export type Env = z.infer<typeof envSchema>;

/** Secret-bearing variables whose values must never be echoed back in an error. */
const SECRET_VARS = new Set([
  'SESSION_SECRET',
  'DATABASE_URL',
  'SMTP_PASSWORD',
  'TELEGRAM_BOT_TOKEN',
  'SLACK_WEBHOOK_URLS',
  'SMS_AUTH_TOKEN',
  'S3_SECRET_ACCESS_KEY',
]);

export function parseEnv(env: NodeJS.ProcessEnv): z.infer<typeof envSchema> {
  // Empty strings mean "unset" (a common .env habit: `DATABASE_URL=`).
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? 'environment');
    const got = SECRET_VARS.has(name) || cleaned[name] === undefined ? '' : ` (got "${cleaned[name]}")`;
    return { path: name, message: `${issue.message}${got}` };
  });
  const detail = errors.map((e) => `${e.path}: ${e.message}`).join('; ');
  throw new AppError(500, 'config.invalid', 'Invalid configuration', { detail, errors });
}

/** Reads the environment and resolves derived values (absolute data dir, persisted session secret). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const e = parseEnv(env);
  const dataDir = resolve(cwd, e.DATA_DIR);
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${String(e.PORT)}`).replace(/\/$/, '');
  const sessionSecret = e.SESSION_SECRET ?? persistedSecret(dataDir);
  return {
    mode: e.DATABASE_URL ? 'server' : 'embedded',
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    sessionSecret,
    demoData: e.DEMO_DATA,
    metricsAllow: e.METRICS_ALLOW,
    bodyLimit: e.BODY_LIMIT,
    auth: {
      secret: sessionSecret,
      sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
      sessionMaxHours: e.SESSION_MAX_HOURS,
      consentGrantHours: e.CONSENT_GRANT_HOURS,
      secureCookies: publicUrl.startsWith('https://'),
      publicUrl,
    },
    scheduling: { cancelCutoffMinutes: Math.round(e.CANCEL_CUTOFF_HOURS * 60) },
    notifications: notificationSettings(e, publicUrl, sessionSecret),
    objectStore: objectStoreSettings(e, dataDir, cwd),
    retention: { appointmentDays: e.RETENTION_DAYS, notificationDays: e.RETENTION_NOTIFICATION_DAYS },
    pipeline: {
      schedule: e.PIPELINE_SCHEDULE,
      cron: e.PIPELINE_CRON,
      timezone: e.PIPELINE_TIMEZONE,
      weekendNotice: e.PIPELINE_WEEKEND_NOTICE,
      weekendCron: e.PIPELINE_WEEKEND_CRON,
      source: e.PIPELINE_SOURCE,
      patients: e.PIPELINE_PATIENTS,
      attempts: e.PIPELINE_STEP_ATTEMPTS,
      retryBaseMs: Math.round(e.PIPELINE_RETRY_BASE_SECONDS * 1000),
      leaseMs: Math.round(e.PIPELINE_LEASE_SECONDS * 1000),
      dir: join(dataDir, 'warehouse'),
    },
    alerts: {
      autoConfirmScore: e.ALERTS_AUTO_CONFIRM_SCORE,
      suppressBelow: e.ALERTS_SUPPRESS_BELOW,
      minCases: e.ALERTS_MIN_CASES,
      timezone: e.ALERTS_TIMEZONE,
    },
  };
}

function objectStoreSettings(e: z.infer<typeof envSchema>, dataDir: string, cwd: string): ObjectStoreConfig {
  const root = resolve(cwd, e.OBJECT_STORE_DIR ?? join(dataDir, 'objects'));
  if (!e.S3_BUCKET) return { kind: 'local', root };
  if (Boolean(e.S3_ACCESS_KEY_ID) !== Boolean(e.S3_SECRET_ACCESS_KEY)) {
    const detail = 'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together';
    const errors = [{ path: 'S3_SECRET_ACCESS_KEY', message: detail }];
    throw new AppError(500, 'config.invalid', 'Invalid configuration', { detail, errors });
  }
  return {
    kind: 's3',
    bucket: e.S3_BUCKET,
    region: e.S3_REGION,
    endpoint: e.S3_ENDPOINT,
    forcePathStyle: e.S3_FORCE_PATH_STYLE,
    credentials:
      e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
        ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY }
        : undefined,
    prefix: e.S3_PREFIX,
    cacheDir: join(dataDir, 'cache', 'objects'),
  };
}

function notificationSettings(
  e: z.infer<typeof envSchema>,
  publicUrl: string,
  secret: string,
): NotificationSettings {
  const sms =
    e.SMS_ACCOUNT_SID && e.SMS_AUTH_TOKEN && e.SMS_FROM
      ? {
          gatewayUrl: e.SMS_GATEWAY_URL,
          accountSid: e.SMS_ACCOUNT_SID,
          authToken: e.SMS_AUTH_TOKEN,
          from: e.SMS_FROM,
        }
      : undefined;
  return {
    publicUrl,
    secret,
    defaultLocale: e.NOTIFY_DEFAULT_LOCALE,
    smtp: e.SMTP_HOST
      ? {
          host: e.SMTP_HOST,
          port: e.SMTP_PORT,
          secure: e.SMTP_SECURE,
          user: e.SMTP_USER,
          password: e.SMTP_PASSWORD,
          from: e.SMTP_FROM,
        }
      : undefined,
    telegram: e.TELEGRAM_BOT_TOKEN ? { apiUrl: e.TELEGRAM_API_URL, token: e.TELEGRAM_BOT_TOKEN } : undefined,
    slack: e.SLACK_WEBHOOK_URLS ?? {},
    sms,
    ops: { email: e.NOTIFY_OPS_EMAIL, telegramChatId: e.TELEGRAM_OPS_CHAT_ID },
    maxAttempts: e.NOTIFY_MAX_ATTEMPTS,
    retryBaseMs: Math.round(e.NOTIFY_RETRY_BASE_SECONDS * 1000),
    retryMaxMs: Math.round(e.NOTIFY_RETRY_MAX_SECONDS * 1000),
    sendTimeoutMs: Math.round(e.NOTIFY_SEND_TIMEOUT_SECONDS * 1000),
    leaseMs: Math.round(Math.max(e.NOTIFY_LEASE_SECONDS, 2 * e.NOTIFY_SEND_TIMEOUT_SECONDS) * 1000),
    batchSize: e.NOTIFY_BATCH_SIZE,
    concurrency: e.NOTIFY_CONCURRENCY,
  };
}

/** A random secret kept in the data dir (mode 0600), so sessions survive restarts without set-up. */
function persistedSecret(dataDir: string): string {
  const file = join(dataDir, 'session-secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  try {
    writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (err) {
    // Another process won the race: use its secret.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw err;
  }
}
