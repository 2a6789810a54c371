/** One pipeline run's steps (status, attempts, time, output or error, logs) in a dialog. */
import { Badge, Code, Modal, Stack, Text } from '@mantine/core';
import type { z } from 'zod';
import type { pipelineRunDetail } from '../../../../src/core/contracts/analytics.ts';
import { DataTable, type Column } from '../../lib/table.tsx';

export type Run = z.infer<typeof pipelineRunDetail>;
type Step = Run['steps'][number] & { id: string };

export const STATUS_COLOR: Record<string, string> = {
  succeeded: 'teal',
  failed: 'red',
  running: 'blue',
  pending: 'gray',
};

export const seconds = (ms: number | null): string => (ms === null ? '' : `${(ms / 1000).toFixed(1)} s`);

const COLUMNS: Column<Step>[] = [
  { header: 'Step', cell: (s) => s.step },
  {
    header: 'Status',
    cell: (s) => (
      <Badge variant="light" color={STATUS_COLOR[s.status] ?? 'gray'}>
        {s.status}
      </Badge>
    ),
  },
  { header: 'Attempts', cell: (s) => s.attempts },
  { header: 'Time', cell: (s) => seconds(s.durationMs) },
  {
    header: 'Output or error',
    cell: (s) =>
      s.error ? (
        <Text c="red" size="sm">
          {s.error}
        </Text>
      ) : (
        <Code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
          {JSON.stringify(s.output).slice(0, 300)}
        </Code>
      ),
  },
  {
    header: 'Log',
    cell: (s) => (
      <Text size="xs" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
        {s.logs.slice(-3).join('\n')}
      </Text>
    ),
  },
];

export function RunSteps({ run, onClose }: { run: Run | null; onClose: () => void }) {
  return (
    <Modal opened={run !== null} onClose={onClose} size="xl" title={run ? `Run of ${run.date}` : 'Run'}>
      {run && (
        <Stack>
          {run.error && <Text c="red">{run.error}</Text>}
          <DataTable
            label={`Steps of the run of ${run.date}`}
            minWidth={560}
            rows={run.steps.map((s) => ({ ...s, id: s.step }))}
            columns={COLUMNS}
          />
        </Stack>
      )}
    </Modal>
  );
}
