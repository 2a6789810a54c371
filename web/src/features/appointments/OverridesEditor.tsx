/**
 * Date-specific hours: one date with a different set of hours, or closed that day. Times are the clinic's
 * local times (zone named); removing an override puts the date back on the weekly hours.
 */
import { useState } from 'react';
import { Button, Card, Group, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { api } from '../../lib/api.ts';
import type { Availability } from '../../lib/contracts.ts';
import { DataTable, type Column } from '../../lib/table.tsx';
import { Empty, useAction } from '../../lib/ui.tsx';
import { parseRanges, showRanges, type Ranges } from './ranges.ts';

type Override = Availability['overrides'][number];
const INVALIDATE = [['availability'], ['slots']];

const describe = (ranges: Ranges, zone: string) =>
  ranges.length === 0 ? 'Closed all day' : `${showRanges(ranges)} (${zone})`;

function OverrideForm({ doctorId, zone }: { doctorId: string; zone: string }) {
  const [date, setDate] = useState('');
  const [mode, setMode] = useState<'closed' | 'hours'>('closed');
  const [hours, setHours] = useState('');
  const save = useAction(
    () =>
      api<Availability>(`/doctors/${doctorId}/overrides/${date}`, {
        method: 'PUT',
        body: { ranges: mode === 'closed' ? [] : parseRanges(hours) },
      }),
    {
      success: `Hours for ${date} saved.`,
      invalidate: INVALIDATE,
      onSuccess: () => {
        setDate('');
        setHours('');
      },
    },
  );
  return (
    <Stack gap="sm">
      <Group align="flex-end" wrap="wrap">
        <TextInput
          type="date"
          label="Date"
          value={date}
          onChange={(e) => setDate(e.currentTarget.value)}
          required
        />
        <Radio.Group
          label="That day"
          value={mode}
          onChange={(v) => setMode(v === 'hours' ? 'hours' : 'closed')}
        >
          <Group mt={6}>
            <Radio value="closed" label="Closed all day" />
            <Radio value="hours" label="Different hours" />
          </Group>
        </Radio.Group>
      </Group>
      {mode === 'hours' && (
        <TextInput
          label={`Hours that day (${zone})`}
          description="Ranges like 09:00-12:00, 13:00-17:00"
          value={hours}
          onChange={(e) => setHours(e.currentTarget.value)}
          maw={420}
        />
      )}
      <Button
        w="fit-content"
        disabled={!date || (mode === 'hours' && !hours.trim())}
        loading={save.isPending}
        onClick={() => save.mutate(undefined)}
      >
        Save hours for this date
      </Button>
    </Stack>
  );
}

export function OverridesEditor({ doctorId, data }: { doctorId: string; data: Availability }) {
  const zone = data.timezone;
  const remove = useAction(
    (date: string) => api<Availability>(`/doctors/${doctorId}/overrides/${date}`, { method: 'DELETE' }),
    { success: 'Back to the weekly hours on that date.', invalidate: INVALIDATE },
  );
  const rows = data.overrides.map((o) => ({ ...o, id: o.date }));
  const columns: Column<Override & { id: string }>[] = [
    { header: 'Date', cell: (o) => o.date },
    { header: `Hours (${zone})`, cell: (o) => describe(o.ranges, zone) },
    {
      header: 'Action',
      cell: (o) => (
        <Button
          size="xs"
          variant="subtle"
          color="red"
          onClick={() => remove.mutate(o.date)}
          aria-label={`Remove the hours for ${o.date}`}
        >
          Remove
        </Button>
      ),
    },
  ];
  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h4">
          Hours for one date ({zone})
        </Title>
        <Text size="sm" c="dimmed">
          A different set of hours for a single date, or closed that day. It replaces the weekly hours for
          that date only.
        </Text>
        {rows.length === 0 ? (
          <Empty>No date-specific hours.</Empty>
        ) : (
          <DataTable label="Date-specific hours" rows={rows} columns={columns} minWidth={420} />
        )}
        <OverrideForm doctorId={doctorId} zone={zone} />
      </Stack>
    </Card>
  );
}
