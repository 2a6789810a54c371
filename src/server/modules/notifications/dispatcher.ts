/**
 * Sends due deliveries: claim a batch with a lease (SKIP LOCKED, so dispatchers in several processes share
 * the queue), render, send through the channels with bounded concurrency, and record every outcome in one
 * statement fenced by the lease. A dispatcher killed mid-batch leaves claims that expire and are sent
 * again under the same delivery id (the peers' idempotency key).
 */
import type { Attachment, Outgoing } from './channels.ts';
import type { NotifyDeps } from './context.ts';
import { fanOutBatch } from './fanout.ts';
import type { DeliveryOutcome } from './metrics.ts';
import {
  claimDue,
  insertInbox,
  recordResults,
  releaseLeases,
  staleReminderIds,
  type DeliveryRow,
  type Result,
} from './repo.ts';
import {
  afterAttempt,
  MESSAGES,
  releaseAt,
  type MessageName,
  type QuietHours,
  type SendOutcome,
} from './rules.ts';
import { render, type Section } from './templates.ts';

/** What each channel sends: rendering the rest would be wasted work. */
const SECTIONS_FOR: Record<DeliveryRow['channel'], readonly Section[]> = {
  email: ['subject', 'text', 'html'],
  telegram: ['text'],
  slack: ['subject', 'text'],
  sms: ['sms'],
  in_app: ['subject', 'text'],
};

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

function attachmentsOf(data: Record<string, unknown>): Attachment[] {
  const list = Array.isArray(data.attachments) ? (data.attachments as Record<string, unknown>[]) : [];
  return list.flatMap((a) =>
    typeof a.filename === 'string' && typeof a.contentType === 'string' && typeof a.contentBase64 === 'string'
      ? [
          {
            filename: a.filename,
            contentType: a.contentType,
            content: Buffer.from(a.contentBase64, 'base64'),
          },
        ]
      : [],
  );
}

function outgoing(deps: NotifyDeps, row: DeliveryRow): Outgoing {
  return {
    deliveryId: row.id,
    address: row.address,
    rendered: render(
      deps.catalog,
      row.message as MessageName,
      row.locale,
      row.data,
      SECTIONS_FOR[row.channel],
    ),
    attachments: attachmentsOf(row.data),
    unsubscribeUrl: typeof row.data.unsubscribeUrl === 'string' ? row.data.unsubscribeUrl : undefined,
  };
}

/** A delivery that must not be sent any more, or cannot be sent at all, without trying. */
function settledBeforeSending(
  deps: NotifyDeps,
  row: DeliveryRow,
  stale: Set<string>,
  now: number,
): Result | undefined {
  if (stale.has(row.id)) return { id: row.id, status: 'withdrawn', lastError: 'appointment changed' };
  if (row.expiresAt && row.expiresAt.getTime() <= now) return { id: row.id, status: 'expired' };
  if (!(row.message in MESSAGES))
    return { id: row.id, status: 'dead', lastError: `unknown message ${row.message}` };
  if (row.channel !== 'in_app' && !deps.channels[row.channel]) {
    return { id: row.id, status: 'dead', lastError: `channel ${row.channel} is not configured` };
  }
  return undefined;
}

async function sendOne(deps: NotifyDeps, row: DeliveryRow): Promise<SendOutcome> {
  try {
    return await deps.channels[row.channel as Exclude<DeliveryRow['channel'], 'in_app'>]!.send(
      outgoing(deps, row),
    );
  } catch (err) {
    return { kind: 'transient', error: err instanceof Error ? err.message : 'send failed' };
  }
}

/** A non-urgent retry that would land in the recipient's quiet hours waits until they end, as the first try did. */
function retryAt(row: DeliveryRow, at: number): number {
  const q = row.data.quietHours as Partial<QuietHours & { zone: string }> | undefined;
  if (row.urgent || typeof q?.start !== 'number' || typeof q.end !== 'number' || typeof q.zone !== 'string')
    return at;
  return releaseAt(at, q.zone, { start: q.start, end: q.end }, false);
}

function toResult(deps: NotifyDeps, row: DeliveryRow, outcome: SendOutcome, now: number): Result {
  const s = deps.settings;
  const policy = { maxAttempts: s.maxAttempts, baseDelayMs: s.retryBaseMs, maxDelayMs: s.retryMaxMs };
  const step = afterAttempt(outcome, row.attempts, policy, now, deps.random());
  if (step.status === 'sent') return { id: row.id, status: 'sent' };
  if (step.status === 'dead') return { id: row.id, status: 'dead', lastError: step.error };
  return {
    id: row.id,
    status: 'pending',
    nextAttemptAt: new Date(retryAt(row, step.at)),
    lastError: 'error' in outcome ? outcome.error : undefined,
  };
}

/** In-app deliveries are one insert into the inbox for the whole batch. */
async function deliverInApp(deps: NotifyDeps, rows: DeliveryRow[]): Promise<Result[]> {
  const items = rows.map((row) => {
    const r = render(deps.catalog, row.message as MessageName, row.locale, row.data, SECTIONS_FOR.in_app);
    return {
      userId: row.address,
      deliveryId: row.id,
      category: row.category,
      title: r.subject,
      body: r.text,
    };
  });
  await insertInbox(deps.db, items);
  return rows.map((row) => ({ id: row.id, status: 'sent' }));
}

const OUTCOME: Record<Result['status'], DeliveryOutcome> = {
  sent: 'sent',
  pending: 'retry',
  dead: 'dead',
  withdrawn: 'withdrawn',
  expired: 'expired',
};

/** Claims and sends one batch of due deliveries; returns how many it claimed. */
export async function deliverDue(deps: NotifyDeps, limit = deps.settings.batchSize): Promise<number> {
  const now = deps.clock.now();
  const lease = new Date(now + deps.settings.leaseMs);
  const claimed = await claimDue(deps.db, new Date(now), lease, limit);
  if (claimed.length === 0) return 0;
  const reminders = claimed.filter((r) => r.message === 'appointment.reminder').map((r) => r.id);
  const stale = await staleReminderIds(deps.db, reminders);
  const results: Result[] = [];
  const inApp: DeliveryRow[] = [];
  const remote: DeliveryRow[] = [];
  for (const row of claimed) {
    const settled = settledBeforeSending(deps, row, stale, now);
    if (settled) results.push(settled);
    else (row.channel === 'in_app' ? inApp : remote).push(row);
  }
  if (inApp.length > 0) results.push(...(await deliverInApp(deps, inApp)));
  const sent = await mapLimit(remote, deps.settings.concurrency, async (row) =>
    toResult(deps, row, await sendOne(deps, row), deps.clock.now()),
  );
  results.push(...sent);
  await recordResults(deps.db, results, lease, new Date(deps.clock.now()));
  const channelOf = new Map(claimed.map((r) => [r.id, r.channel]));
  for (const r of results)
    deps.metrics?.deliveries.inc({ channel: channelOf.get(r.id)!, outcome: OUTCOME[r.status] });
  return claimed.length;
}

const recovered = new WeakSet<NotifyDeps>();

/** One pass: take back expired claims, fan out one batch of events, send one batch of deliveries. */
export async function dispatchOnce(deps: NotifyDeps): Promise<{ events: number; deliveries: number }> {
  const now = new Date(deps.clock.now());
  if (deps.exclusive && !recovered.has(deps)) {
    // The embedded database has one owner: any claim still open is from a process that died.
    await releaseLeases(deps.db, now, true);
    recovered.add(deps);
  } else await releaseLeases(deps.db, now);
  const events = await fanOutBatch(deps);
  const deliveries = await deliverDue(deps);
  return { events, deliveries };
}

const sleep = (ms: number, signal: AbortSignal | undefined) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/**
 * Dispatches until `budgetMs` has passed (real time) or `signal` aborts, polling every `idleMs` when there
 * is nothing to do. Run by the `notifications.dispatch` job; `untilIdle` ends at the first idle pass.
 */
export async function pump(
  deps: NotifyDeps,
  o: { budgetMs: number; idleMs?: number; signal?: AbortSignal; untilIdle?: boolean },
): Promise<{ events: number; deliveries: number }> {
  const end = Date.now() + o.budgetMs;
  const total = { events: 0, deliveries: 0 };
  while (!o.signal?.aborted && Date.now() < end) {
    const pass = await dispatchOnce(deps);
    total.events += pass.events;
    total.deliveries += pass.deliveries;
    if (pass.events + pass.deliveries > 0) continue;
    if (o.untilIdle) break;
    await sleep(o.idleMs ?? 250, o.signal);
  }
  return total;
}
