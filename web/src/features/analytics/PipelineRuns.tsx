/**
 * Admins: recent pipeline runs (steps, timings, errors), and queuing a run of a date or a re-run of one.
 * A queued run is done by the worker; the list polls quickly while a run is waiting or in progress.
 */
import { useState } from 'react';
import { Alert, Badge, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  pipelineRunList,
  pipelineRunQueued,
  pipelineRunRequest,
} from '../../../../src/core/contracts/analytics.ts';
import { api } from '../../lib/api.ts';
import { fieldErrors, formError } from '../../lib/forms.ts';
import { DataTable, type Column } from '../../lib/table.tsx';
import { browserZone, dateTimeIn } from '../../lib/time.ts';
import { Page, QueryView, useAction } from '../../lib/ui.tsx';
import { RunSteps, seconds, STATUS_COLOR, type Run } from './RunSteps.tsx';

type Runs = z.infer<typeof pipelineRunList>;
type Queued = z.infer<typeof pipelineRunQueued>;
type RunRequest = z.infer<typeof pipelineRunRequest>;
const zone = browserZone();
/** Poll fast this long after queuing while the worker has not started the run (no worker: give up). */
const WAIT_MS = 5 * 60_000;

const inProgress = (r: Run) => r.status === 'pending' || r.status === 'running';
const runOf = (runs: Runs | undefined, q: Queued) =>
  runs?.items.find((r) => r.date === q.date && r.createdAt >= q.queuedAt);

function waiting(runs: Runs | undefined, q: Queued | null): boolean {
  if (runs?.items.some(inProgress)) return true;
  return q !== null && !runOf(runs, q) && Date.now() - Date.parse(q.queuedAt) < WAIT_MS;
}

function elapsed(r: Run): string {
  if (!r.startedAt) return '';
  const end = r.finishedAt ? Date.parse(r.finishedAt) : Date.now();
  return seconds(end - Date.parse(r.startedAt));
}

function QueuedNote({ queued, runs }: { queued: Queued; runs: Runs | undefined }) {
  const run = runOf(runs, queued);
  return (
    <Alert color="teal" title={`Queued: a run of ${queued.date} (${queued.source})`} data-testid="queued-run">
      Job {queued.jobId} was queued at {dateTimeIn(queued.queuedAt, zone)}.{' '}
      {run ? `The run is ${run.status}.` : 'It appears below when the worker starts it.'}
    </Alert>
  );
}

function RunNow({ onQueued }: { onQueued: (q: Queued) => void }) {
  const [date, setDate] = useState('');
  const queue = useAction((body: RunRequest) => api<Queued>('/pipeline/runs', { method: 'POST', body }), {
    success: (q) => `Run of ${q.date} queued.`,
    invalidate: [['pipeline', 'runs']],
    onSuccess: onQueued,
    errors: 'form',
  });
  const general = formError(queue.error, ['date']);
  return (
    <Card withBorder>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          queue.mutate(date ? { date } : {});
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h4">
            Run the pipeline
          </Title>
          {general && (
            <Alert color="red" role="alert" title="Not queued">
              {general}
            </Alert>
          )}
          <Group align="flex-end" wrap="wrap">
            <TextInput
              type="date"
              label="Run date"
              description="Empty: today in the pipeline’s time zone."
              value={date}
              error={fieldErrors(queue.error).date}
              onChange={(e) => {
                // The error was about the previous value.
                queue.reset();
                setDate(e.currentTarget.value);
              }}
            />
            <Button type="submit" loading={queue.isPending}>
              Run now
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** "done/all", and which step failed if one did. */
function stepsSummary(r: Run): string {
  const done = r.steps.filter((s) => s.status === 'succeeded').length;
  const failed = r.steps.find((s) => s.status === 'failed');
  return `${String(done)}/${String(r.steps.length)}${failed ? ` (${failed.step} failed)` : ''}`;
}

interface RowActions {
  onSteps: (r: Run) => void;
  onRerun: (r: Run) => void;
  rerunning: (r: Run) => boolean;
}

function RunActions({ r, a }: { r: Run; a: RowActions }) {
  return (
    <Group gap="xs" wrap="nowrap">
      <Button
        size="xs"
        variant="default"
        aria-label={`Steps of the run of ${r.date}`}
        onClick={() => a.onSteps(r)}
      >
        Steps
      </Button>
      <Button
        size="xs"
        variant="light"
        aria-label={`Re-run ${r.date}`}
        disabled={inProgress(r)}
        loading={a.rerunning(r)}
        onClick={() => a.onRerun(r)}
      >
        Re-run
      </Button>
    </Group>
  );
}

/** The runs table's columns; the actions open a run's steps or queue a re-run of its date. */
function runColumns(a: RowActions): Column<Run>[] {
  return [
    { header: 'Date', cell: (r) => r.date },
    {
      header: 'Status',
      cell: (r) => <Badge color={STATUS_COLOR[r.status] ?? 'gray'}>{r.status}</Badge>,
    },
    { header: 'Trigger', cell: (r) => `${r.trigger} · ${r.source}` },
    { header: 'Started', cell: (r) => (r.startedAt ? dateTimeIn(r.startedAt, zone) : 'not started') },
    { header: 'Time', cell: elapsed },
    { header: 'Steps', cell: stepsSummary },
    { header: 'Actions', cell: (r) => <RunActions r={r} a={a} /> },
  ];
}

/** Queues a re-run of a run's date (as synthetic unless it was of platform data); the page shows errors. */
function useRerun(onQueued: (q: Queued) => void) {
  return useAction(
    (r: Run) =>
      api<Queued>('/pipeline/runs', {
        method: 'POST',
        body: { date: r.date, source: r.source === 'platform' ? 'platform' : 'synthetic' },
      }),
    {
      success: (q) => `Re-run of ${q.date} queued.`,
      invalidate: [['pipeline', 'runs']],
      onSuccess: onQueued,
      errors: 'form',
    },
  );
}

export default function PipelineRuns() {
  const [queued, setQueued] = useState<Queued | null>(null);
  const [shown, setShown] = useState<Run | null>(null);
  const runs = useQuery({
    queryKey: ['pipeline', 'runs'],
    queryFn: () => api<Runs>('/pipeline/runs', { query: { limit: 30 } }),
    refetchInterval: (q) => (waiting(q.state.data, queued) ? 2_000 : 15_000),
  });
  const rerun = useRerun(setQueued);
  const columns = runColumns({
    onSteps: setShown,
    onRerun: (r) => rerun.mutate(r),
    rerunning: (r) => rerun.isPending && rerun.variables.id === r.id,
  });
  return (
    <Page title="Pipeline runs">
      <RunNow onQueued={setQueued} />
      <div aria-live="polite">{queued && <QueuedNote queued={queued} runs={runs.data} />}</div>
      {rerun.error && (
        <Alert color="red" role="alert" title="Re-run not queued">
          {formError(rerun.error, [])}
        </Alert>
      )}
      <Text size="sm" c="dimmed">
        Newest first; times in {zone}. A failed run resumes from its failed step when a worker starts; a
        re-run does the date again from the start.
      </Text>
      <QueryView query={runs} isEmpty={(d) => d.items.length === 0} empty="No pipeline runs yet.">
        {(d) => <DataTable label="Pipeline runs" minWidth={860} rows={d.items} columns={columns} />}
      </QueryView>
      <RunSteps
        run={shown && (runs.data?.items.find((r) => r.id === shown.id) ?? shown)}
        onClose={() => setShown(null)}
      />
    </Page>
  );
}
