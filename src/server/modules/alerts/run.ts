/**
 * The daily watch: counts of each condition per neighbourhood over the last WINDOW_DAYS local days, EARS
 * C1/C2/C3 on the day being judged, and the alerts that follow (open, extend, close; confirm by itself above
 * the configured score and notify). Running it twice for one day changes nothing the second time.
 */
import { DateTime } from 'luxon';
import { validationFailed } from '../../../core/errors.ts';
import type { Db, Tx } from '../../db/client.ts';
import type { ConditionKind } from '../../db/schema/index.ts';
import { describeCodes, formatIcd10Code } from '../icd10/index.ts';
import * as repo from './repo.ts';
import { notifyArea, type AlertSettings } from './service.ts';
import { decide, judge, WINDOW_DAYS, type Decision } from './watch.ts';

interface Series {
  neighbourhood: string;
  kind: ConditionKind;
  key: string;
  label: string;
  counts: Int32Array;
}

export interface WatchReport {
  date: string;
  series: number;
  opened: number;
  updated: number;
  closed: number;
  confirmed: number;
  notified: number;
}

const seriesKey = (kind: string, neighbourhood: string, key: string) =>
  `${kind}\u0000${neighbourhood}\u0000${key}`;

function windowOf(date: string, zone: string) {
  const day = DateTime.fromISO(date, { zone });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !day.isValid) {
    throw validationFailed([{ path: 'date', message: 'must be a calendar date (YYYY-MM-DD)' }]);
  }
  const first = day.minus({ days: WINDOW_DAYS - 1 });
  const index = (d: string) => Math.round(DateTime.fromISO(d, { zone }).diff(first, 'days').days);
  return { from: first.toJSDate(), to: day.plus({ days: 1 }).toJSDate(), index };
}

async function loadSeries(db: Db, date: string, s: AlertSettings): Promise<Map<string, Series>> {
  const w = windowOf(date, s.timezone);
  const [dx, reasons] = await Promise.all([
    repo.diagnosisCounts(db, w.from, w.to, s.timezone),
    repo.reasonCounts(db, w.from, w.to, s.timezone, s.suppressBelow),
  ]);
  // Diagnoses are watched by ICD-10-CM category (`J06`), named after the most frequent code seen in it.
  const top = new Map<string, { code: string; n: number }>();
  const byCode = new Map<string, number>();
  for (const r of dx) byCode.set(r.key, (byCode.get(r.key) ?? 0) + r.count);
  for (const [code, n] of byCode) {
    const cat = code.slice(0, 3);
    if ((top.get(cat)?.n ?? -1) < n) top.set(cat, { code, n });
  }
  const names = await describeCodes(
    db,
    [...top.values()].map((t) => t.code),
  );
  const label = (cat: string) =>
    `${cat} · ${names.get(top.get(cat)!.code) ?? formatIcd10Code(top.get(cat)!.code)}`;
  const out = new Map<string, Series>();
  const add = (
    kind: ConditionKind,
    neighbourhood: string,
    key: string,
    name: string,
    day: string,
    n: number,
  ) => {
    const k = seriesKey(kind, neighbourhood, key);
    let s = out.get(k);
    if (!s) out.set(k, (s = { neighbourhood, kind, key, label: name, counts: new Int32Array(WINDOW_DAYS) }));
    const i = w.index(day);
    if (i >= 0 && i < WINDOW_DAYS) s.counts[i]! += n;
  };
  for (const r of dx)
    add('icd10', r.neighbourhood, r.key.slice(0, 3), label(r.key.slice(0, 3)), r.day, r.count);
  for (const r of reasons) add('reason', r.neighbourhood, r.key, r.label, r.day, r.count);
  return out;
}

type Action = Exclude<Decision, { kind: 'none' }>;
type Ctx = { tx: Tx; settings: AlertSettings; date: string; now: Date; report: WatchReport };

/** Opens or extends an alert; confirms it by itself above the score; tells the area once confirmed. */
async function applyAlarm(c: Ctx, s: Series, d: Extract<Action, { kind: 'open' | 'update' }>) {
  const j = d.judgement;
  const facts = {
    methods: j.methods,
    lastAlarmOn: c.date,
    observed: j.day.observed,
    expected: j.day.expected,
    score: j.score,
  };
  let row: repo.AlertRow;
  if (d.kind === 'open') {
    row = await repo.insertAlert(c.tx, {
      neighbourhood: s.neighbourhood,
      conditionKind: s.kind,
      conditionKey: s.key,
      conditionLabel: s.label,
      openedOn: c.date,
      days: [j.day],
      ...facts,
    });
    c.report.opened++;
  } else {
    row = await repo.updateAlert(c.tx, d.id, { ...facts, alarmDays: d.alarmDays, days: d.days });
    c.report.updated++;
  }
  const auto = c.settings.autoConfirmScore;
  if (row.status === 'open' && auto > 0 && row.score >= auto) {
    row = (await repo.confirmOpen(c.tx, row.id, { userId: null, auto: true, at: c.now })) ?? row;
    c.report.confirmed++;
  }
  // A confirmed alert that goes on also tells people who came to the area since (only them).
  if (row.status === 'confirmed') c.report.notified += await notifyArea(c.tx, row, c.settings);
}

/** Every series' decision for `date`; active alerts with no case in the window are judged on zeros. */
async function decideAll(db: Db, series: Map<string, Series>, date: string, minCases: number) {
  const active = new Map(
    (await repo.activeAlerts(db)).map((a) => [
      seriesKey(a.conditionKind, a.neighbourhood, a.conditionKey),
      a,
    ]),
  );
  for (const [k, a] of active) {
    if (series.has(k)) continue;
    const { neighbourhood, conditionKind: kind, conditionKey: key, conditionLabel: label } = a;
    series.set(k, { neighbourhood, kind, key, label, counts: new Int32Array(WINDOW_DAYS) });
  }
  const settled = new Set(
    (await repo.closedSince(db, date)).map((a) =>
      seriesKey(a.conditionKind, a.neighbourhood, a.conditionKey),
    ),
  );
  const actions: { s: Series; d: Action }[] = [];
  for (const [k, s] of series) {
    const a = active.get(k);
    const current = a && a.status !== 'closed' ? { ...a, status: a.status } : undefined;
    const d = decide(current, judge(s.counts, date, minCases), date);
    if (d.kind === 'open' && settled.has(k)) continue;
    if (d.kind !== 'none') actions.push({ s, d });
  }
  return actions;
}

/** Judges `date` (a local calendar day in the alerts' zone) for every series and applies the decisions. */
export async function runWatch(
  db: Db,
  settings: AlertSettings,
  date: string,
  now = new Date(),
): Promise<WatchReport> {
  const series = await loadSeries(db, date, settings);
  const actions = await decideAll(db, series, date, settings.minCases);
  const report: WatchReport = {
    date,
    series: series.size,
    opened: 0,
    updated: 0,
    closed: 0,
    confirmed: 0,
    notified: 0,
  };
  await db.transaction(async (tx) => {
    const c: Ctx = { tx, settings, date, now, report };
    for (const { s, d } of actions) {
      if (d.kind === 'close') {
        await repo.updateAlert(tx, d.id, { status: 'closed', closedOn: date, days: d.days });
        report.closed++;
      } else await applyAlarm(c, s, d);
    }
  });
  return report;
}
