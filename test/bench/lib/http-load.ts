/**
 * Closed-loop HTTP load from a worker thread, so the load generator does not share the event loop (and
 * core) of the server it measures. Requests are precomputed and cycled; loopback only, bounded in time.
 */
import { Worker } from 'node:worker_threads';

export interface LoadRequest {
  method: string;
  path: string;
  body?: string;
}

export interface LoadSpec {
  port: number;
  clients: number;
  durationMs: number;
  headers: Record<string, string>;
  requests: LoadRequest[];
}

export interface LoadResult {
  done: number;
  seconds: number;
  byStatus: Record<string, number>;
  latencyMs: { p50: number; p95: number; p99: number };
}

export function runHttpLoad(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./http-load-worker.ts', import.meta.url), { workerData: spec });
    worker.once('message', (result: LoadResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}
