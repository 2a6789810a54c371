/** Builds a pipeline context from the configuration and an open platform database. */
import type { Logger } from 'pino';
import type { Config } from '../../server/config.ts';
import type { Database } from '../../server/db/client.ts';
import { createObjectStore } from '../store/index.ts';
import type { PipelineContext } from './context.ts';
import type { StepName } from './dag.ts';
import { pipelineSettings } from './index.ts';
import type { PipelineMetrics } from './metrics.ts';

export interface ComposeOptions {
  logger?: Logger | undefined;
  metrics?: PipelineMetrics | undefined;
  patients?: number | undefined;
  haltAt?: StepName | undefined;
}

export function composePipeline(
  config: Pick<Config, 'pipeline' | 'objectStore' | 'retention'>,
  database: Database,
  options: ComposeOptions = {},
): PipelineContext & { close(): void } {
  const store = createObjectStore(config.objectStore);
  const p = config.pipeline;
  return {
    db: database.db,
    store,
    // Embedded: this process holds the data-dir lock, so a `running` run found here belongs to a dead process.
    exclusive: database.kind === 'pglite',
    settings: pipelineSettings(p.dir, {
      patients: options.patients ?? p.patients,
      attempts: p.attempts,
      retryBaseMs: p.retryBaseMs,
      leaseMs: p.leaseMs,
      haltAt: options.haltAt,
    }),
    retention: config.retention,
    logger: options.logger,
    metrics: options.metrics,
    close: () => store.close(),
  };
}
