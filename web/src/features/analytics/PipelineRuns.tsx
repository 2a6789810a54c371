/** Admins: recent pipeline runs with their steps, timings, outputs and errors. */
import { Accordion, Badge, Code, Group, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { pipelineRunList } from '../../../../src/core/contracts/analytics.ts';
import { api } from '../../lib/api.ts';
import { browserZone, dateTimeIn } from '../../lib/time.ts';
import { Page, QueryView } from '../../lib/ui.tsx';

type Runs = z.infer<typeof pipelineRunList>;
const zone = browserZone();
const COLOR: Record<string, string> = { succeeded: 'teal', failed: 'red', running: 'blue', pending: 'gray' };

const seconds = (ms: number | null) => (ms === null ? '' : `${(ms / 1000).toFixed(1)} s`);

export default function PipelineRuns() {
  const runs = useQuery({
    queryKey: ['pipeline', 'runs'],
    queryFn: () => api<Runs>('/pipeline/runs', { query: { limit: 30 } }),
    refetchInterval: 10_000,
  });
  return (
    <Page title="Pipeline runs">
      <Text size="sm" c="dimmed">
        Newest first; times in {zone}. A failed run resumes from its failed step on the next start or run.
      </Text>
      <QueryView query={runs} isEmpty={(d) => d.items.length === 0} empty="No pipeline runs yet.">
        {(d) => (
          <Accordion variant="separated">
            {d.items.map((run) => (
              <Accordion.Item key={run.id} value={run.id}>
                <Accordion.Control>
                  <Group gap="sm" wrap="wrap">
                    <Badge color={COLOR[run.status] ?? 'gray'}>{run.status}</Badge>
                    <Text fw={600}>{run.date}</Text>
                    <Text size="sm" c="dimmed">
                      {run.trigger} · {run.source} ·{' '}
                      {run.startedAt ? dateTimeIn(run.startedAt, zone) : 'not started'}
                    </Text>
                  </Group>
                </Accordion.Control>
                <Accordion.Panel>
                  <Stack>
                    {run.error && <Text c="red">{run.error}</Text>}
                    <Table.ScrollContainer minWidth={560}>
                      <Table aria-label={`Steps of the run of ${run.date}`}>
                        <Table.Thead>
                          <Table.Tr>
                            <Table.Th>Step</Table.Th>
                            <Table.Th>Status</Table.Th>
                            <Table.Th>Attempts</Table.Th>
                            <Table.Th>Time</Table.Th>
                            <Table.Th>Output or error</Table.Th>
                          </Table.Tr>
                        </Table.Thead>
                        <Table.Tbody>
                          {run.steps.map((s) => (
                            <Table.Tr key={s.step}>
                              <Table.Td>{s.step}</Table.Td>
                              <Table.Td>
                                <Badge variant="light" color={COLOR[s.status] ?? 'gray'}>
                                  {s.status}
                                </Badge>
                              </Table.Td>
                              <Table.Td>{s.attempts}</Table.Td>
                              <Table.Td>{seconds(s.durationMs)}</Table.Td>
                              <Table.Td>
                                {s.error ? (
                                  <Text c="red" size="sm">
                                    {s.error}
                                  </Text>
                                ) : (
                                  <Code block>{JSON.stringify(s.output).slice(0, 300)}</Code>
                                )}
                              </Table.Td>
                            </Table.Tr>
                          ))}
                        </Table.Tbody>
                      </Table>
                    </Table.ScrollContainer>
                  </Stack>
                </Accordion.Panel>
              </Accordion.Item>
            ))}
          </Accordion>
        )}
      </QueryView>
    </Page>
  );
}
