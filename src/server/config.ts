/**
 * Environment → typed configuration (12-factor). Validated with zod at start-up; a bad value stops
 * start-up with a message naming the variable. `.env.example` lists every variable.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { AppError } from '../core/errors.ts';
import type { ObjectStoreConfig } from '../pipeline/store/index.ts';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => ['true', '1', 'yes'].includes(v));

const cidrList = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .refine(
    (list) => list.every((c) => ipaddr.isValidCIDR(c)),
    'must be a comma-separated list of CIDR ranges',
  );

const httpUrl = z.url({ protocol: /^https?$/ });
const seconds = (max: number, dflt: number) => z.coerce.number().min(0.1).max(max).default(dflt);

/** `name=url` pairs, comma-separated: named Slack incoming webhooks (`ops` gets operations reports). */
const namedUrls = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((pair) => {
        const at = pair.indexOf('=');
        return at > 0 ? [pair.slice(0, at).trim(), pair.slice(at + 1).trim()] : ['ops', pair];
      }),
  )
  .refine(
    (pairs) => pairs.every(([name, url]) => /^[a-z0-9_-]+$/i.test(name!) && httpUrl.safeParse(url).success),
    'must be a comma-separated list of name=https://… webhook URLs',
  )
  .transform((pairs) => Object.fromEntries(pairs) as Record<string, string>);

/** Channel settings: a channel whose settings are absent is skipped (and reported by /ready). */
const notificationEnv = {
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  SMTP_SECURE: bool.default(false),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  SMTP_FROM: z.string().min(3).default('HealthSync <no-reply@healthsync.local>'),
  TELEGRAM_API_URL: httpUrl.default('https://api.telegram.org'),
  TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^[A-Za-z0-9:_-]+$/, 'must look like 123456:ABC-DEF…')
    .optional(),
  TELEGRAM_OPS_CHAT_ID: z.string().min(1).optional(),
  SLACK_WEBHOOK_URLS: namedUrls.optional(),
  SMS_GATEWAY_URL: httpUrl.default('https://api.twilio.com'),
  SMS_ACCOUNT_SID: z
    .string()
    .regex(/^[A-Za-z0-9]+$/, 'must be letters and digits')
    .optional(),
  SMS_AUTH_TOKEN: z.string().min(1).optional(),
  SMS_FROM: z.string().min(1).optional(),
  NOTIFY_OPS_EMAIL: z.email().optional(),
  NOTIFY_DEFAULT_LOCALE: z
    .string()
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)
    .default('en'),
  NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  NOTIFY_RETRY_BASE_SECONDS: seconds(3600, 10),
  NOTIFY_RETRY_MAX_SECONDS: seconds(7 * 86400, 3600),
  NOTIFY_SEND_TIMEOUT_SECONDS: seconds(120, 10),
  NOTIFY_LEASE_SECONDS: seconds(3600, 120),
  NOTIFY_BATCH_SIZE: z.coerce.number().int().min(1).max(5000).default(500),
  NOTIFY_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(64),
};

/** Object store (local directory unless S3_BUCKET is set) and retention periods. */
const storageEnv = {
  OBJECT_STORE_DIR: z.string().min(1).optional(),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a valid S3 bucket name')
    .optional(),
  S3_ENDPOINT: httpUrl.optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: bool.default(false),
  S3_PREFIX: z
    .string()
    .regex(/^([A-Za-z0-9_][A-Za-z0-9._=+-]*\/)*$/, 'must be empty or folder names each ending in /')
    .default(''),
  RETENTION_DAYS: z.coerce.number().int().min(30).max(36500).default(3650),
  RETENTION_NOTIFICATION_DAYS: z.coerce.number().int().min(7).max(36500).default(365),
  // Community health alerts: EARS score (C1 statistic) at which an alert confirms itself (0 = admins
  // always confirm), public counts below this are suppressed, and alarms on fewer cases open no alert.
  ALERTS_AUTO_CONFIRM_SCORE: z.coerce.number().min(0).max(1000).default(0),
  ALERTS_SUPPRESS_BELOW: z.coerce.number().int().min(1).max(1000).default(5),
  ALERTS_MIN_CASES: z.coerce.number().int().min(1).max(1000).default(3),
  ALERTS_TIMEZONE: z.string().min(1).default('America/Sao_Paulo'),
};

/** The Health Synth pipeline: schedule (weekdays 10:05 by default), source, size and retries. */
const pipelineEnv = {
  PIPELINE_SCHEDULE: bool.default(true),
  PIPELINE_CRON: z
    .string()
    .regex(/^\S+( \S+){4}$/, 'must be a 5-field cron expression, e.g. "5 10 * * 1-5"')
    .default('5 10 * * 1-5'),
  PIPELINE_TIMEZONE: z.string().min(1).default('America/Sao_Paulo'),
  PIPELINE_SOURCE: z.enum(['synthetic']).default('synthetic'),
  PIPELINE_PATIENTS: z.coerce.number().int().min(10).max(10_000_000).default(10_000),
  PIPELINE_STEP_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
  PIPELINE_RETRY_BASE_SECONDS: seconds(3600, 5),
  PIPELINE_LEASE_SECONDS: seconds(3600, 60),
};

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

export interface Config {
  mode: 'embedded' | 'server';
  port: number;
  host: string;
  publicUrl: string;
  /** Absolute path. */
  dataDir: string;
  databaseUrl: string | undefined;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  sessionSecret: string;
  demoData: boolean;
  metricsAllow: string[];
  bodyLimit: number;
  auth: AuthSettings;
  scheduling: SchedulingSettings;
  notifications: NotificationSettings;
  objectStore: ObjectStoreConfig;
  retention: RetentionSettings;
  pipeline: PipelineConfig;
  alerts: AlertSettings;
}

export interface AlertSettings {
  /** An alert whose score reaches this confirms itself and notifies; 0: only admins confirm. */
  autoConfirmScore: number;
  /** Counts below this are never shown in public answers. */
  suppressBelow: number;
  /** An alarm on fewer cases than this opens no alert. */
  minCases: number;
  /** The zone whose calendar days the daily counts use. */
  timezone: string;
}

export interface PipelineConfig {
  /** Run on the cron schedule (in the processes that run workers). */
  schedule: boolean;
  cron: string;
  timezone: string;
  source: 'synthetic';
  patients: number;
  attempts: number;
  retryBaseMs: number;
  leaseMs: number;
  /** `<dataDir>/warehouse`: the DuckDB file, published snapshots, run work folders. */
  dir: string;
}

export interface RetentionSettings {
  /** Past appointments (with no clinical record or rating attached) older than this are archived. */
  appointmentDays: number;
  /** Finished notification deliveries and published outbox events older than this are archived. */
  notificationDays: number;
}

export interface NotificationSettings {
  publicUrl: string;
  /** Keys unsubscribe links. */
  secret: string;
  defaultLocale: string;
  smtp:
    | {
        host: string;
        port: number;
        secure: boolean;
        user?: string | undefined;
        password?: string | undefined;
        from: string;
      }
    | undefined;
  telegram: { apiUrl: string; token: string } | undefined;
  /** Slack incoming webhooks by name. */
  slack: Record<string, string>;
  sms: { gatewayUrl: string; accountSid: string; authToken: string; from: string } | undefined;
  /** Where operations messages (pipeline reports) go besides the `ops` Slack webhook. */
  ops: { email?: string | undefined; telegramChatId?: string | undefined };
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  sendTimeoutMs: number;
  /** How long a claimed delivery stays claimed: longer than a send can take. */
  leaseMs: number;
  batchSize: number;
  concurrency: number;
}

export interface SchedulingSettings {
  /** Patients may cancel up to this long before the start; staff any time. */
  cancelCutoffMinutes: number;
}

export interface AuthSettings {
  /** Server secret: keys CSRF tokens and consent-code hashes. */
  secret: string;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  consentGrantHours: number;
  /** Cookies get `Secure` when the public URL is https. */
  secureCookies: boolean;
  publicUrl: string;
}

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
