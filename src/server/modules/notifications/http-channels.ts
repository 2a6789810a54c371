/** Telegram Bot API, Slack incoming webhooks and a Twilio-compatible SMS gateway, over fetch. */
import type { NotificationSettings } from '../../config.ts';
import { idempotencyHeaders, postAndClassify, type ChannelSender, type Outgoing } from './channels.ts';
import type { SendOutcome } from './rules.ts';

const TELEGRAM_TEXT_MAX = 4096;
const TELEGRAM_CAPTION_MAX = 1024;
const SMS_MAX = 1600;

const clip = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;

/** Telegram answers `{ ok: false, parameters: { retry_after: seconds } }` when rate-limited. */
function telegramRetryAfter(body: unknown): number | undefined {
  const seconds = (body as { parameters?: { retry_after?: unknown } } | undefined)?.parameters?.retry_after;
  return typeof seconds === 'number' && seconds >= 0 ? seconds * 1000 : undefined;
}

/** `sendPhoto` when the message carries an image (a chart), `sendMessage` otherwise. Plain text, no markup. */
export function telegramSender(
  settings: NonNullable<NotificationSettings['telegram']>,
  timeoutMs: number,
  now: () => number,
): ChannelSender {
  const base = `${settings.apiUrl.replace(/\/$/, '')}/bot${settings.token}`;
  return {
    send: (m: Outgoing): Promise<SendOutcome> => {
      const photo = m.attachments.find((a) => a.contentType.startsWith('image/'));
      if (photo) {
        const form = new FormData();
        form.set('chat_id', m.address);
        form.set('caption', clip(m.rendered.text, TELEGRAM_CAPTION_MAX));
        form.set(
          'photo',
          new Blob([new Uint8Array(photo.content)], { type: photo.contentType }),
          photo.filename,
        );
        return postAndClassify(
          `${base}/sendPhoto`,
          { headers: idempotencyHeaders(m.deliveryId), body: form },
          timeoutMs,
          now,
          telegramRetryAfter,
        );
      }
      const body = JSON.stringify({
        chat_id: m.address,
        text: clip(m.rendered.text, TELEGRAM_TEXT_MAX),
        link_preview_options: { is_disabled: true },
      });
      return postAndClassify(
        `${base}/sendMessage`,
        { headers: { 'content-type': 'application/json', ...idempotencyHeaders(m.deliveryId) }, body },
        timeoutMs,
        now,
        telegramRetryAfter,
      );
    },
  };
}

/** Slack's mrkdwn treats &, < and > as markup: escape them so a name cannot become a link or mention. */
export const slackEscape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The delivery's address is a webhook name (`ops`, `staff`…); its URL stays in configuration. */
export function slackSender(
  webhooks: Record<string, string>,
  timeoutMs: number,
  now: () => number,
): ChannelSender {
  return {
    send: async (m: Outgoing): Promise<SendOutcome> => {
      const url = webhooks[m.address];
      if (!url) return { kind: 'permanent', error: `no Slack webhook named "${m.address}" is configured` };
      const text = `*${slackEscape(m.rendered.subject)}*\n${slackEscape(m.rendered.text)}`;
      return postAndClassify(
        url,
        {
          headers: { 'content-type': 'application/json', ...idempotencyHeaders(m.deliveryId) },
          body: JSON.stringify({ text }),
        },
        timeoutMs,
        now,
      );
    },
  };
}

/** Twilio's Messages API shape: form post of To/From/Body with the account's basic auth. */
export function smsSender(
  settings: NonNullable<NotificationSettings['sms']>,
  timeoutMs: number,
  now: () => number,
): ChannelSender {
  const url = `${settings.gatewayUrl.replace(/\/$/, '')}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}/Messages.json`;
  const auth = `Basic ${Buffer.from(`${settings.accountSid}:${settings.authToken}`).toString('base64')}`;
  return {
    send: (m: Outgoing): Promise<SendOutcome> =>
      postAndClassify(
        url,
        {
          headers: {
            authorization: auth,
            'content-type': 'application/x-www-form-urlencoded',
            ...idempotencyHeaders(m.deliveryId),
          },
          body: new URLSearchParams({
            To: m.address,
            From: settings.from,
            Body: clip(m.rendered.sms, SMS_MAX),
          }),
        },
        timeoutMs,
        now,
      ),
  };
}
