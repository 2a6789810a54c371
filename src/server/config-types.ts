/** The typed configuration `loadConfig` returns, by concern. */
import type { ObjectStoreConfig } from '../pipeline/store/index.ts';
import type { Env } from './config.ts';

export interface Config {
  mode: 'embedded' | 'server';
  port: number;
  host: string;
  publicUrl: string;
  /** Absolute path. */
  dataDir: string;
  databaseUrl: string | undefined;
  logLevel: Env['LOG_LEVEL'];
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
  /** Send the weekend "no pipeline run today" notice on `weekendCron` (in `timezone`); absent = off. */
  weekendNotice?: boolean;
  weekendCron?: string;
  /** synthetic: the generator seeded with the date; platform: the live database (docs/decisions/0014). */
  source: 'synthetic' | 'platform';
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
