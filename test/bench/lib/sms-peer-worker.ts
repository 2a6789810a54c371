/**
 * A Twilio-compatible SMS gateway stand-in on loopback, in a worker thread so that answering does not share
 * the event loop of the dispatcher being measured. Counts messages and distinct idempotency keys.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parentPort } from 'node:worker_threads';

const keys = new Set<string>();
let requests = 0;
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    requests++;
    const key = req.headers['idempotency-key'];
    if (typeof key === 'string') keys.add(key);
    res.writeHead(201, { 'content-type': 'application/json' }).end('{"sid":"SM1","status":"queued"}');
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  parentPort!.postMessage({ port: (server.address() as AddressInfo).port });
});
parentPort!.on('message', (msg: string) => {
  if (msg === 'count') parentPort!.postMessage({ requests, distinct: keys.size });
  if (msg === 'close') server.close(() => process.exit(0));
});
