/** What the dispatcher, the scans and the services share: database, settings, clock, templates, senders. */
import type { Logger } from 'pino';
import type { NotificationSettings } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { closeChannels, type ChannelSet } from './channels.ts';
import { emailSender } from './email.ts';
import { slackSender, smsSender, telegramSender } from './http-channels.ts';
import type { NotificationMetrics } from './metrics.ts';
import { loadTemplates, type TemplateCatalog } from './templates.ts';

/** Time is passed in, so reminder windows, quiet hours and closed days run on a fake clock in tests. */
export interface Clock {
  now(): number;
}
export const systemClock: Clock = { now: () => Date.now() };

export interface NotifyDeps {
  db: Db;
  settings: NotificationSettings;
  clock: Clock;
  catalog: TemplateCatalog;
  channels: ChannelSet;
  metrics: NotificationMetrics | undefined;
  /** Jitter source (tests pin it). */
  random: () => number;
  logger: Logger | undefined;
  /** The process owns the database alone (embedded): claims a crash left behind can be taken back at once. */
  exclusive: boolean;
}

/** Senders for the configured channels only. */
export function createChannels(settings: NotificationSettings, clock: Clock): ChannelSet {
  const t = settings.sendTimeoutMs;
  const now = () => clock.now();
  const set: ChannelSet = {};
  if (settings.smtp) set.email = emailSender(settings.smtp, t);
  if (settings.telegram) set.telegram = telegramSender(settings.telegram, t, now);
  if (Object.keys(settings.slack).length > 0) set.slack = slackSender(settings.slack, t, now);
  if (settings.sms) set.sms = smsSender(settings.sms, t, now);
  return set;
}

export interface NotifyOptions {
  db: Db;
  settings: NotificationSettings;
  clock?: Clock;
  metrics?: NotificationMetrics;
  logger?: Logger;
  exclusive?: boolean;
  random?: () => number;
  channels?: ChannelSet;
}

export function createNotifyDeps(o: NotifyOptions): NotifyDeps & { close(): Promise<void> } {
  const clock = o.clock ?? systemClock;
  const channels = o.channels ?? createChannels(o.settings, clock);
  return {
    db: o.db,
    settings: o.settings,
    clock,
    catalog: loadTemplates(),
    channels,
    metrics: o.metrics,
    random: o.random ?? Math.random,
    logger: o.logger,
    exclusive: o.exclusive ?? false,
    close: () => closeChannels(channels),
  };
}
