/** Alerts' use cases: confirming and notifying, the public area view and the admin views. */
import { DateTime } from 'luxon';
import { conflict, notFound } from '../../../core/errors.ts';
import type { AlertSettings } from '../../config.ts';
import type { Db, Tx } from '../../db/client.ts';
import type { AlertStatus } from '../../db/schema/index.ts';
import { enqueue } from '../../events/outbox.ts';
import { adviceFor } from './advice.ts';
import * as repo from './repo.ts';
import { suppress } from './watch.ts';

export type { AlertSettings };

export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  autoConfirmScore: 0,
  suppressBelow: 5,
  minCases: 3,
  timezone: 'America/Sao_Paulo',
};

/** People who booked in the area within this many days of the alert's latest alarm are told too. */
const BOOKED_AROUND_DAYS = 30;

function summaryOf(row: repo.AlertRow, settings: AlertSettings): string {
  const advice = adviceFor(row.conditionKind, row.conditionKey);
  const seen = suppress(row.observed, settings.suppressBelow);
  const counts =
    seen === null
      ? `More cases than usual were seen on ${row.lastAlarmOn}.`
      : `${String(seen)} cases were seen on ${row.lastAlarmOn}, where about ${String(Math.round(row.expected))} were expected.`;
  return `${counts} ${advice}`;
}

/**
 * Tells everyone in the area who has not been told of this alert yet (the recipients' primary key makes
 * it once per person), through the notifications outbox, in the same transaction. Returns how many.
 */
export async function notifyArea(tx: Tx, row: repo.AlertRow, settings: AlertSettings): Promise<number> {
  const at = DateTime.fromISO(row.lastAlarmOn, { zone: settings.timezone });
  const users = await repo.addRecipients(tx, row, {
    from: at.minus({ days: BOOKED_AROUND_DAYS }).toJSDate(),
    to: at.plus({ days: BOOKED_AROUND_DAYS }).toJSDate(),
  });
  const payload = {
    alertId: row.id,
    neighbourhood: row.neighbourhood,
    condition: row.conditionLabel,
    level: row.score >= 5 ? 'high' : 'raised',
    summary: summaryOf(row, settings),
  };
  for (const userId of users) await enqueue(tx, { topic: 'alerts.raised', recipientUserId: userId, payload });
  return users.length;
}

/** An admin confirms an open alert: it becomes public as confirmed and the area is notified. */
export async function confirm(db: Db, settings: AlertSettings, id: string, userId: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const row = await repo.confirmOpen(tx, id, { userId, auto: false, at: now });
    if (!row) {
      const existing = await repo.findAlert(tx, id);
      if (!existing) throw notFound('alert.not_found', 'No alert has this id.');
      throw conflict(
        'alert.not_open',
        `This alert is ${existing.status}: only an open alert can be confirmed.`,
      );
    }
    const notified = await notifyArea(tx, row, settings);
    return { ...toAdmin(row), notified };
  });
}

/** The public view of an area: active alerts, small counts withheld, nothing about any person. */
export async function publicAlerts(db: Db, settings: AlertSettings, area: string | undefined) {
  const rows = await repo.listAlerts(db, { area, statuses: ['open', 'confirmed'], limit: 200 });
  return {
    items: rows.map((r) => {
      const observed = suppress(r.observed, settings.suppressBelow);
      return {
        id: r.id,
        neighbourhood: r.neighbourhood,
        condition: r.conditionLabel,
        status: r.status as 'open' | 'confirmed',
        since: r.openedOn,
        lastAlarmOn: r.lastAlarmOn,
        observed,
        expected: observed === null ? null : Math.round(r.expected * 10) / 10,
        suppressed: observed === null,
        advice: adviceFor(r.conditionKind, r.conditionKey),
      };
    }),
    suppressBelow: settings.suppressBelow,
  };
}

export function toAdmin(r: repo.AlertRow) {
  return {
    id: r.id,
    neighbourhood: r.neighbourhood,
    condition: { kind: r.conditionKind, key: r.conditionKey, label: r.conditionLabel },
    status: r.status,
    methods: r.methods,
    openedOn: r.openedOn,
    lastAlarmOn: r.lastAlarmOn,
    closedOn: r.closedOn,
    observed: r.observed,
    expected: r.expected,
    score: r.score,
    alarmDays: r.alarmDays,
    confirmedAt: r.confirmedAt?.toISOString() ?? null,
    autoConfirmed: r.autoConfirmed,
  };
}

export async function adminList(
  db: Db,
  q: { area?: string | undefined; status?: AlertStatus | undefined; limit: number },
) {
  const statuses: AlertStatus[] = q.status ? [q.status] : ['open', 'confirmed', 'closed'];
  const rows = await repo.listAlerts(db, { area: q.area, statuses, limit: q.limit });
  return { items: rows.map(toAdmin) };
}

export async function adminGet(db: Db, id: string) {
  const row = await repo.findAlert(db, id);
  if (!row) throw notFound('alert.not_found', 'No alert has this id.');
  return {
    ...toAdmin(row),
    days: row.days,
    notified: await repo.recipientCount(db, id),
    advice: adviceFor(row.conditionKind, row.conditionKey),
  };
}
