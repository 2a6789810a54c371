/** Shared set-up of the notification tests: real peers on loopback, settings pointing at them, a fake clock. */
import type { NotificationSettings } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { FakeClock, testNotificationSettings } from '../../../../test/helpers/notify.ts';
import {
  startHttpPeer,
  startSmtpPeer,
  type HttpPeer,
  type SmtpPeer,
} from '../../../../test/helpers/peers.ts';
import { createNotifyDeps, type NotifyDeps } from './context.ts';
import { dispatchOnce } from './dispatcher.ts';

export interface Peers {
  smtp: SmtpPeer;
  http: HttpPeer;
  close(): Promise<void>;
}

export async function startPeers(): Promise<Peers> {
  const smtp = await startSmtpPeer();
  const http = await startHttpPeer();
  return { smtp, http, close: async () => Promise.all([smtp.close(), http.close()]).then(() => undefined) };
}

/** Every channel configured, pointing at the peers. */
export function peerSettings(
  peers: Peers,
  overrides: Partial<NotificationSettings> = {},
): NotificationSettings {
  return testNotificationSettings({
    smtp: {
      host: '127.0.0.1',
      port: peers.smtp.port,
      secure: false,
      from: 'HealthSync <no-reply@example.org>',
    },
    telegram: { apiUrl: peers.http.url, token: '123456:TEST' },
    slack: { ops: `${peers.http.url}/slack/ops`, staff: `${peers.http.url}/slack/staff` },
    sms: { gatewayUrl: peers.http.url, accountSid: 'AC0123', authToken: 'sms-token', from: '+15550001111' },
    ops: { email: 'ops@example.org', telegramChatId: '-100200' },
    ...overrides,
  });
}

export function notifyDepsFor(db: Db, settings: NotificationSettings, clock: FakeClock) {
  return createNotifyDeps({ db, settings, clock, random: () => 0.5 });
}

/** Dispatches until a pass finds nothing due at the fake clock's time. */
export async function drain(deps: NotifyDeps): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const pass = await dispatchOnce(deps);
    if (pass.events + pass.deliveries === 0) return;
  }
  throw new Error('the queue did not drain');
}

export { FakeClock };
