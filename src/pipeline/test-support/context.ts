/**
 * Test support: a pipeline context over a test database and a temp folder (object store in objects/,
 * warehouse in warehouse/), with fast retries and a short lease. `exclusive` as the CLI sets it.
 */
import { join } from 'node:path';
import type { Db } from '../../server/db/client.ts';
import type { PipelineContext } from '../runner/context.ts';
import { pipelineSettings } from '../runner/index.ts';
import { LocalObjectStore } from '../store/index.ts';

export function testContext(
  db: Db,
  dir: string,
  options: { patients: number; attempts: number; exclusive?: boolean },
): PipelineContext {
  return {
    db,
    store: new LocalObjectStore(join(dir, 'objects')),
    ...(options.exclusive ? { exclusive: true } : {}),
    retention: { appointmentDays: 3650, notificationDays: 365 },
    settings: pipelineSettings(join(dir, 'warehouse'), {
      patients: options.patients,
      attempts: options.attempts,
      retryBaseMs: 10,
      leaseMs: 5_000,
    }),
  };
}
