/** Admins: the notification delivery log (dead = failed), filter by status or channel, send again. */
import { useState } from 'react';
import { Badge, Button, Group, Select, Text } from '@mantine/core';
import { api } from '../../lib/api.ts';
import type { DeliveryPage } from '../../lib/contracts.ts';
import { usePagedList } from '../../lib/paging.ts';
import { DataTable, type Column } from '../../lib/table.tsx';
import { browserZone, dateTimeIn } from '../../lib/time.ts';
import { Page, QueryView, useAction } from '../../lib/ui.tsx';

type Delivery = DeliveryPage['items'][number];
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
  const list = usePagedList<DeliveryPage>(
    ['deliveries', status, channel],
    '/admin/notifications/deliveries',
    {
      status,
      channel,
    },
  );
  const retry = useAction(
    (id: string) => api(`/admin/notifications/deliveries/${id}/retry`, { method: 'POST' }),
    {
      success: 'Queued again.',
      invalidate: [['deliveries']],
    },
  );
  const columns: Column<Delivery>[] = [
    { header: 'Created', cell: (x) => dateTimeIn(x.createdAt, zone) },
    { header: 'Message', cell: (x) => x.message },
    { header: 'Channel', cell: (x) => x.channel },
    { header: 'To', cell: (x) => x.address },
    {
      header: 'Status',
      cell: (x) => (
        <Badge color={STATUS_COLOR[x.status] ?? 'gray'} variant="light">
          {x.status}
        </Badge>
      ),
    },
    { header: 'Attempts', cell: (x) => x.attempts },
    { header: 'Last error', cell: (x) => x.lastError ?? '' },
    {
      header: 'Actions',
      cell: (x) =>
        (x.status === 'dead' || x.status === 'expired') && (
          <Button size="xs" variant="light" onClick={() => retry.mutate(x.id)}>
            Send again
          </Button>
        ),
    },
  ];
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
      <QueryView query={list.query} isEmpty={() => list.rows.length === 0} empty="No deliveries match.">
        {() => <DataTable label="Deliveries" minWidth={720} rows={list.rows} columns={columns} more={list} />}
      </QueryView>
    </Page>
  );
}
