/**
 * Per-channel counts for /metrics: deliveries by outcome (counted where they are sent) and the queue by
 * status (read from the database at scrape time, so an API process without workers reports it too).
 */
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Db } from '../../db/client.ts';
import { queueCounts } from './repo.ts';

export interface NotificationMetrics {
  deliveries: Counter<'channel' | 'outcome'>;
}

export type DeliveryOutcome = 'sent' | 'retry' | 'dead' | 'withdrawn' | 'expired' | 'deferred';

export function notificationMetrics(registry: Registry): NotificationMetrics {
  return {
    deliveries: new Counter({
      name: 'notifications_deliveries_total',
      help: 'Notification delivery attempts and their outcome, by channel',
      labelNames: ['channel', 'outcome'],
      registers: [registry],
    }),
  };
}

export function registerQueueGauge(registry: Registry, db: Db): void {
  new Gauge({
    name: 'notifications_queue',
    help: 'Notification deliveries waiting, being sent or dead-lettered, by channel',
    labelNames: ['channel', 'status'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await queueCounts(db)) this.set({ channel: row.channel, status: row.status }, row.n);
    },
  });
}
