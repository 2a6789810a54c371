/** Email over SMTP with nodemailer (pooled connections): HTML and text, attachments, one-click unsubscribe. */
import nodemailer from 'nodemailer';
import type { NotificationSettings } from '../../config.ts';
import type { ChannelSender, Outgoing } from './channels.ts';
import { classifySmtp, type SendOutcome } from './rules.ts';

export function emailSender(
  smtp: NonNullable<NotificationSettings['smtp']>,
  timeoutMs: number,
): ChannelSender {
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
    pool: true,
    maxConnections: 8,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  return {
    send: async (m: Outgoing): Promise<SendOutcome> => {
      try {
        await transport.sendMail({
          from: smtp.from,
          to: m.address,
          subject: m.rendered.subject,
          text: m.rendered.text,
          html: m.rendered.html,
          // The delivery id: a re-send after a crash carries the same Message-ID, which receivers dedupe on.
          messageId: `<${m.deliveryId}@healthsync.notifications>`,
          attachments: m.attachments.map((a) => ({
            filename: a.filename,
            content: a.content,
            contentType: a.contentType,
          })),
          ...(m.unsubscribeUrl
            ? {
                list: { unsubscribe: { url: m.unsubscribeUrl, comment: 'Unsubscribe' } },
                headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
              }
            : {}),
        });
        return { kind: 'sent' };
      } catch (err) {
        const e = err as { responseCode?: number; message?: string };
        return classifySmtp(e.responseCode, e.message ?? 'send failed');
      }
    },
    close: async () => {
      transport.close();
    },
  };
}
