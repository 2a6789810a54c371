/**
 * Channel senders: each turns one rendered message into one request to its peer and classifies the answer
 * (sent, retry later, rate-limited, permanent). Every request carries the delivery id as its idempotency
 * key (`Idempotency-Key` header, email `Message-ID`), so a peer that honours it ignores the re-send of a
 * message whose first send outlived a crashed dispatcher.
 */
import type { NotificationSettings } from '../../config.ts';
import { classifyHttp, parseRetryAfter, type Channel, type SendOutcome } from './rules.ts';
import type { Rendered } from './templates.ts';

export interface Attachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface Outgoing {
  deliveryId: string;
  address: string;
  rendered: Rendered;
  attachments: Attachment[];
  /** Non-essential email: the one-click unsubscribe URL (also sent as List-Unsubscribe). */
  unsubscribeUrl: string | undefined;
}

export interface ChannelSender {
  send(message: Outgoing): Promise<SendOutcome>;
  close?(): Promise<void>;
}

/** The configured senders; a channel without configuration has none and is skipped. */
export type ChannelSet = Partial<Record<Exclude<Channel, 'in_app'>, ChannelSender>>;

export type ChannelStatus = 'configured' | 'not_configured';

/** What /ready reports per channel (in-app needs nothing and is always there). */
export function channelStatus(settings: Pick<NotificationSettings, 'smtp' | 'telegram' | 'slack' | 'sms'>) {
  const s = (on: boolean): ChannelStatus => (on ? 'configured' : 'not_configured');
  return {
    in_app: s(true),
    email: s(settings.smtp !== undefined),
    telegram: s(settings.telegram !== undefined),
    slack: s(Object.keys(settings.slack).length > 0),
    sms: s(settings.sms !== undefined),
  };
}

export function configuredChannels(set: ChannelSet): Set<Channel> {
  return new Set<Channel>(['in_app', ...(Object.keys(set) as Channel[])]);
}

const errorText = (err: unknown): string => {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'timed out';
  return e.cause?.code ?? e.cause?.message ?? e.message ?? 'request failed';
};

/**
 * POSTs and classifies the answer. A timeout or a connection error is transient; `retryAfterOf` reads a
 * peer's own retry hint from its JSON body (Telegram's `parameters.retry_after`).
 */
export async function postAndClassify(
  url: string,
  init: { headers: Record<string, string>; body: string | FormData | URLSearchParams },
  timeoutMs: number,
  now: () => number,
  retryAfterOf?: (body: unknown) => number | undefined,
): Promise<SendOutcome> {
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, { method: 'POST', ...init, signal: AbortSignal.timeout(timeoutMs) });
    text = await res.text();
  } catch (err) {
    return { kind: 'transient', error: `POST failed: ${errorText(err)}` };
  }
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  const retryAfter = parseRetryAfter(res.headers.get('retry-after'), now()) ?? retryAfterOf?.(body);
  const detail = describe(body) ?? text.slice(0, 200);
  return classifyHttp(res.status, retryAfter, detail);
}

/** A short reason from a peer's JSON error body, never the whole body. */
function describe(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as { description?: unknown; message?: unknown; error?: unknown };
  const v = b.description ?? b.message ?? b.error;
  return typeof v === 'string' ? v.slice(0, 200) : undefined;
}

export const idempotencyHeaders = (deliveryId: string): Record<string, string> => ({
  'idempotency-key': deliveryId,
});

export async function closeChannels(set: ChannelSet): Promise<void> {
  await Promise.all(Object.values(set).map(async (c) => c.close?.()));
}
