/** Drizzle queries of the analytics module's own (the runner's state functions live in src/pipeline). */
import { sql, type SQL } from 'drizzle-orm';
import { createRun, type Source } from '../../../pipeline/runner/state.ts';
import type { Db } from '../../db/client.ts';
import { PIPELINE_RUN_JOB } from './service.ts';

/** How long a new pending run may wait for its job to be sent (the request that creates it sends it next). */
const SEND_GRACE = sql`interval '1 minute'`;

/**
 * A pending run no process will start: no queued or active `pipeline.run` job carries it (its job failed,
 * expired or was never sent), past the grace its request needs to send the job. A pending run whose job waits
 * behind a long run is not abandoned, however old.
 */
function abandonedPending(): SQL {
  return sql`pipeline_runs.created_at < now() - ${SEND_GRACE} and not exists (
    select 1 from pgboss.job j
    where j.name = ${PIPELINE_RUN_JOB} and j.state in ('created', 'retry', 'active')
      and j.data->>'runId' = pipeline_runs.id::text)`;
}

/**
 * Creates the pending run of `date` a `pipeline.run` job will run, retiring the date's dead runs first;
 * 409 `pipeline.run_in_progress` while another run of the date is pending or running.
 */
export function reserveRun(
  db: Db,
  input: { date: string; source: Source; trigger: string },
): Promise<string> {
  return createRun(db, input, { abandonedPending: abandonedPending() });
}
