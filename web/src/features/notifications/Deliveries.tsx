/** Admins: the notification delivery log (dead = failed), filter by status or channel, send again. */
import { useState } from 'react';
import { Badge, Button, Group, Select, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import type { DeliveryPage } from '../../lib/contracts.ts';
import { browserZone, dateTimeIn } from '../../lib/time.ts';
import { Page, QueryView, useAction } from '../../lib/ui.tsx';

const zone = browserZone();
const STATUS_COLOR: Record<string, string> = {
  sent: 'teal',
  pending: 'blue',
  sending: 'blue',
  dead: 'red',
  expired: 'orange',
  withdrawn: 'gray',
};

export default function Deliveries() {
  const [status, setStatus] = useState<string | null>(null);
  const [channel, setChannel] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['deliveries', status, channel],
    queryFn: () =>
      api<DeliveryPage>('/admin/notifications/deliveries', { query: { status, channel, limit: 100 } }),
  });
  const retry = useAction(
    (id: string) => api(`/admin/notifications/deliveries/${id}/retry`, { method: 'POST' }),
    {
      success: 'Queued again.',
      invalidate: [['deliveries']],
    },
  );
  return (
    <Page title="Notification deliveries">
      <Group wrap="wrap">
        <Select
          label="Status"
          placeholder="Any"
          clearable
          data={Object.keys(STATUS_COLOR)}
          value={status}
          onChange={setStatus}
          maw={200}
        />
        <Select
          label="Channel"
          placeholder="Any"
          clearable
          data={['in_app', 'email', 'telegram', 'slack', 'sms']}
          value={channel}
          onChange={setChannel}
          maw={200}
        />
      </Group>
      <Text size="sm" c="dimmed">
        Times in {zone}.
      </Text>
      <QueryView query={list} isEmpty={(d) => d.items.length === 0} empty="No deliveries match.">
        {(d) => (
          <Table.ScrollContainer minWidth={720}>
            <Table striped aria-label="Deliveries">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Created</Table.Th>
                  <Table.Th>Message</Table.Th>
                  <Table.Th>Channel</Table.Th>
                  <Table.Th>To</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Attempts</Table.Th>
                  <Table.Th>Last error</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.items.map((x) => (
                  <Table.Tr key={x.id}>
                    <Table.Td>{dateTimeIn(x.createdAt, zone)}</Table.Td>
                    <Table.Td>{x.message}</Table.Td>
                    <Table.Td>{x.channel}</Table.Td>
                    <Table.Td>{x.address}</Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLOR[x.status] ?? 'gray'} variant="light">
                        {x.status}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{x.attempts}</Table.Td>
                    <Table.Td>{x.lastError ?? ''}</Table.Td>
                    <Table.Td>
                      {(x.status === 'dead' || x.status === 'expired') && (
                        <Button size="xs" variant="light" onClick={() => retry.mutate(x.id)}>
                          Send again
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryView>
    </Page>
  );
}
