/** The environment variables by concern, as zod fragments `config.ts` merges into one schema. */
import ipaddr from 'ipaddr.js';
import { z } from 'zod';

export const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => ['true', '1', 'yes'].includes(v));

export const cidrList = z
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
export const notificationEnv = {
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
export const storageEnv = {
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
export const pipelineEnv = {
  PIPELINE_SCHEDULE: bool.default(true),
  PIPELINE_CRON: z
    .string()
    .regex(/^\S+( \S+){4}$/, 'must be a 5-field cron expression, e.g. "5 10 * * 1-5"')
    .default('5 10 * * 1-5'),
  PIPELINE_TIMEZONE: z.string().min(1).default('America/Sao_Paulo'),
  // Weekend days: a "no pipeline run today" notice to the staff channels instead of a run.
  PIPELINE_WEEKEND_NOTICE: bool.default(true),
  PIPELINE_WEEKEND_CRON: z
    .string()
    .regex(/^\S+( \S+){4}$/, 'must be a 5-field cron expression, e.g. "5 10 * * 0,6"')
    .default('5 10 * * 0,6'),
  PIPELINE_SOURCE: z.enum(['synthetic', 'platform']).default('synthetic'),
  PIPELINE_PATIENTS: z.coerce.number().int().min(10).max(10_000_000).default(10_000),
  PIPELINE_STEP_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
  PIPELINE_RETRY_BASE_SECONDS: seconds(3600, 5),
  PIPELINE_LEASE_SECONDS: seconds(3600, 60),
};
