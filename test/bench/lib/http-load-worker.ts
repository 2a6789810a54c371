/** The worker side of http-load.ts: `clients` connections, each sending its next request when the last answered. */
import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import type { LoadResult, LoadSpec } from './http-load.ts';

const spec = workerData as LoadSpec;
const agent = new Agent({ keepAlive: true, maxSockets: spec.clients });
const byStatus: Record<string, number> = {};
const latencies: number[] = [];
let next = 0;
const began = performance.now();

function send(): Promise<number> {
  const r = spec.requests[next++ % spec.requests.length]!;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: spec.port,
        method: r.method,
        path: r.path,
        agent,
        headers: { ...spec.headers, 'content-type': 'application/json' },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(r.body);
  });
}

async function client(): Promise<void> {
  while (performance.now() - began < spec.durationMs) {
    const t = performance.now();
    const status = await send();
    latencies.push(performance.now() - t);
    byStatus[status] = (byStatus[status] ?? 0) + 1;
  }
}

await Promise.all(Array.from({ length: spec.clients }, client));
agent.destroy();
latencies.sort((a, b) => a - b);
const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
const result: LoadResult = {
  done: latencies.length,
  seconds: (performance.now() - began) / 1000,
  byStatus,
  latencyMs: { p50: at(0.5), p95: at(0.95), p99: at(0.99) },
};
parentPort!.postMessage(result);
