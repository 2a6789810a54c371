/**
 * Real peers for notification tests, on loopback: an SMTP server (smtp-server, mail parsed with mailparser)
 * and an HTTP server standing in for the Telegram Bot API, Slack webhooks and a Twilio-compatible SMS
 * gateway. The HTTP peer answers what the test scripts (200, 500, 429 + retry-after, a hang) and, like a
 * real idempotent API, delivers a request whose Idempotency-Key it has seen before only once.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpPeer {
  port: number;
  mails: ParsedMail[];
  /** Recipients to refuse with 550 (a bad address). */
  reject: Set<string>;
  close(): Promise<void>;
}

export async function startSmtpPeer(): Promise<SmtpPeer> {
  const mails: ParsedMail[] = [];
  const reject = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (reject.has(address.address)) {
        const err = new Error('5.1.1 No such mailbox') as Error & { responseCode: number };
        err.responseCode = 550;
        callback(err);
        return;
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          mails.push(mail);
          callback();
        },
        (err: unknown) => callback(err as Error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, reject, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Form fields (urlencoded or multipart) or JSON fields. */
  fields: Record<string, unknown>;
  /** Multipart file parts: name → bytes and type. */
  files: Record<string, { type: string; size: number; name: string }>;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Never answer (the client's timeout fires). */
  hang?: boolean;
  /** Answer after this long (a slow gateway). */
  delayMs?: number;
}

export interface HttpPeer {
  url: string;
  /** Every request, replays included. */
  received: Received[];
  /** Idempotency keys delivered (first time seen and answered 2xx). */
  delivered: Map<string, Received>;
  /** Requests that repeated an idempotency key already delivered (acknowledged, not delivered again). */
  replays: number;
  /** Requests received and not answered yet. */
  inFlight: number;
  /** Decides the answer to each request; default 200 `{ ok: true }`. */
  script: (r: Received) => Reply;
  close(): Promise<void>;
}

async function parse(method: string, headers: IncomingHttpHeaders, raw: Buffer) {
  const type = headers['content-type'] ?? '';
  const fields: Record<string, unknown> = {};
  const files: Received['files'] = {};
  if (type.startsWith('multipart/form-data')) {
    const request = new Request('http://peer/', { method, headers: { 'content-type': type }, body: raw });
    // The WHATWG parser is fine for a test peer's small bodies (the deprecation is about server use).
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    const form = await request.formData();
    for (const [k, v] of form.entries()) {
      if (typeof v === 'string') fields[k] = v;
      else files[k] = { type: v.type, size: v.size, name: v.name };
    }
  } else if (type.startsWith('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(raw.toString('utf8'))) fields[k] = v;
  } else if (type.startsWith('application/json')) {
    Object.assign(fields, JSON.parse(raw.toString('utf8')) as object);
  }
  return { fields, files };
}

export async function startHttpPeer(): Promise<HttpPeer> {
  const sockets = new Set<import('node:net').Socket>();
  const peer: HttpPeer = {
    url: '',
    received: [],
    delivered: new Map(),
    replays: 0,
    inFlight: 0,
    script: () => ({ status: 200, body: { ok: true } }),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const raw = Buffer.concat(chunks);
        const { fields, files } = await parse(req.method ?? 'GET', req.headers, raw);
        const r: Received = {
          method: req.method ?? '',
          path: req.url ?? '',
          headers: req.headers,
          body: raw.toString('utf8'),
          fields,
          files,
        };
        peer.received.push(r);
        const key = req.headers['idempotency-key'];
        if (typeof key === 'string' && peer.delivered.has(key)) {
          peer.replays++;
          res
            .writeHead(200, { 'content-type': 'application/json' })
            .end(JSON.stringify({ ok: true, replay: true }));
          return;
        }
        const reply = peer.script(r);
        if (reply.hang) return;
        peer.inFlight++;
        if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
        peer.inFlight--;
        if (reply.status < 300 && typeof key === 'string') peer.delivered.set(key, r);
        res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
        res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
      })();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  peer.url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  return peer;
}
