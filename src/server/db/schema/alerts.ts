import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns.ts';
import { users } from './users.ts';

export const ALERT_STATUSES = ['open', 'confirmed', 'closed'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export const CONDITION_KINDS = ['icd10', 'reason'] as const;
export type ConditionKind = (typeof CONDITION_KINDS)[number];

/** One day an alert's series alarmed (or was last checked): what was seen and what EARS expected. */
export interface AlertDay {
  date: string;
  observed: number;
  expected: number;
  upperbound: number;
  methods: string[];
}

/**
 * Community health alerts: an EARS alarm for one condition (an ICD-10-CM category such as `J06`, or a
 * normalized appointment reason) in one neighbourhood. At most one alert per neighbourhood and condition is
 * active (open or confirmed) at a time; it closes when the counts return to baseline.
 */
export const alerts = pgTable(
  'alerts',
  {
    id: id(),
    neighbourhood: text('neighbourhood').notNull(),
    conditionKind: text('condition_kind', { enum: CONDITION_KINDS }).notNull(),
    conditionKey: text('condition_key').notNull(),
    conditionLabel: text('condition_label').notNull(),
    status: text('status', { enum: ALERT_STATUSES }).notNull().default('open'),
    /** The EARS methods that alarmed on the latest alarm day (`C1`, `C2`, `C3`). */
    methods: text('methods').array().notNull(),
    openedOn: date('opened_on').notNull(),
    lastAlarmOn: date('last_alarm_on').notNull(),
    closedOn: date('closed_on'),
    /** Cases on the latest alarm day, the baseline mean, and the standardized excess (C1 statistic). */
    observed: integer('observed').notNull(),
    expected: doublePrecision('expected').notNull(),
    score: doublePrecision('score').notNull(),
    alarmDays: integer('alarm_days').notNull().default(1),
    days: jsonb('days').$type<AlertDay[]>().notNull(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    confirmedByUserId: uuid('confirmed_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    autoConfirmed: boolean('auto_confirmed').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('alerts_active_key')
      .on(t.neighbourhood, t.conditionKind, t.conditionKey)
      .where(sql`${t.status} <> 'closed'`),
    index('alerts_area_idx').on(t.neighbourhood, t.openedOn),
    index('alerts_recent_idx').on(t.openedOn, t.id),
    check('alerts_status_check', sql`${t.status} in ('open', 'confirmed', 'closed')`),
    check('alerts_kind_check', sql`${t.conditionKind} in ('icd10', 'reason')`),
    check('alerts_observed_check', sql`${t.observed} >= 0`),
    check('alerts_closed_check', sql`(${t.status} = 'closed') = (${t.closedOn} is not null)`),
    check('alerts_confirmed_check', sql`${t.status} <> 'confirmed' or ${t.confirmedAt} is not null`),
  ],
);

/** Who was notified of an alert: the primary key makes it once per person per alert. */
export const alertRecipients = pgTable(
  'alert_recipients',
  {
    alertId: uuid('alert_id')
      .notNull()
      .references(() => alerts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    notifiedAt: timestamp('notified_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.alertId, t.userId] })],
);
