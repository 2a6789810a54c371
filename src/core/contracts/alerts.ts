import { z } from 'zod';

const area = z.string().trim().min(1).max(100);
const day = z.iso.date();

export const publicAlertQuery = z.object({
  area: area.optional().describe('A neighbourhood name, e.g. `Centro`; all areas when absent.'),
});

export const publicAlert = z
  .object({
    id: z.uuid(),
    neighbourhood: z.string(),
    condition: z.string(),
    status: z
      .enum(['open', 'confirmed'])
      .describe('open: being checked by staff; confirmed: the area was told.'),
    since: day,
    lastAlarmOn: day,
    observed: z
      .number()
      .int()
      .nullable()
      .describe('Cases on the latest alarm day; null when below the threshold.'),
    expected: z.number().nullable().describe('Usual cases a day (the baseline mean); null when observed is.'),
    suppressed: z.boolean(),
    advice: z.string(),
  })
  .meta({ id: 'PublicAlert' });

export const publicAlertList = z.object({
  items: z.array(publicAlert),
  suppressBelow: z.number().int().describe('Counts below this are never shown.'),
});

export const ALERT_STATUS_VALUES = ['open', 'confirmed', 'closed'] as const;

export const adminAlertQuery = z.object({
  area: area.optional(),
  status: z.enum(ALERT_STATUS_VALUES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const alertParams = z.object({ id: z.uuid() });

export const adminAlert = z
  .object({
    id: z.uuid(),
    neighbourhood: z.string(),
    condition: z.object({ kind: z.enum(['icd10', 'reason']), key: z.string(), label: z.string() }),
    status: z.enum(ALERT_STATUS_VALUES),
    methods: z.array(z.string()).describe('EARS methods that alarmed on the latest alarm day.'),
    openedOn: day,
    lastAlarmOn: day,
    closedOn: day.nullable(),
    observed: z.number().int(),
    expected: z.number(),
    score: z.number().describe('(observed − expected) / max(baseline sd, 1): the C1 statistic, floored.'),
    alarmDays: z.number().int(),
    confirmedAt: z.iso.datetime({ offset: true }).nullable(),
    autoConfirmed: z.boolean(),
  })
  .meta({ id: 'Alert' });

export const adminAlertList = z.object({ items: z.array(adminAlert) });

export const alertDay = z.object({
  date: day,
  observed: z.number().int(),
  expected: z.number(),
  upperbound: z.number(),
  methods: z.array(z.string()),
});

export const adminAlertDetail = adminAlert.extend({
  days: z.array(alertDay),
  notified: z.number().int().describe('People told of this alert.'),
  advice: z.string(),
});

export const confirmedAlert = adminAlert.extend({
  notified: z.number().int().describe('People notified by this confirmation.'),
});
