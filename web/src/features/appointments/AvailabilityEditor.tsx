/** A doctor's weekly hours, slot length, date-specific hours and time off; local times are the clinic's (zone shown). */
import { useState } from 'react';
import { Button, Card, NumberInput, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { DateTime } from 'luxon';
import { api } from '../../lib/api.ts';
import type { Availability, AvailabilityBody, TimeOff } from '../../lib/contracts.ts';
import { useUser } from '../../lib/session.tsx';
import { dateTimeIn } from '../../lib/time.ts';
import { Page, QueryView, useAction } from '../../lib/ui.tsx';
import { OverridesEditor } from './OverridesEditor.tsx';
import { parseRanges, showRanges } from './ranges.ts';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function WeeklyHours({ doctorId, data }: { doctorId: string; data: Availability }) {
  const [hours, setHours] = useState(() =>
    WEEKDAYS.map((_, i) => showRanges(data.weekly.find((w) => w.weekday === i + 1)?.ranges ?? [])),
  );
  const [slot, setSlot] = useState<string | number>(data.slotMinutes);
  const save = useAction(
    (body: AvailabilityBody) =>
      api<Availability>(`/doctors/${doctorId}/availability`, { method: 'PUT', body }),
    {
      success: 'Hours saved.',
      invalidate: [['availability'], ['slots']],
    },
  );
  const submit = () =>
    save.mutate({
      slotMinutes: Number(slot),
      bufferMinutes: data.bufferMinutes,
      minNoticeMinutes: data.minNoticeMinutes,
      horizonDays: data.horizonDays,
      weekly: hours
        .map((h, i) => ({ weekday: i + 1, ranges: parseRanges(h) }))
        .filter((w) => w.ranges.length > 0),
    });
  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h4">
          Weekly hours ({data.timezone})
        </Title>
        <Text size="sm" c="dimmed">
          Ranges like 09:00-12:00, 13:00-17:00; leave empty for a day off.
          {data.closedOnWeekends ? ' The clinic is closed on weekends.' : ''}
        </Text>
        {WEEKDAYS.map((day, i) => (
          <TextInput
            key={day}
            label={day}
            value={hours[i]}
            onChange={(e) => {
              const next = [...hours];
              next[i] = e.currentTarget.value;
              setHours(next);
            }}
          />
        ))}
        <NumberInput
          label="Slot length (minutes)"
          min={5}
          max={480}
          value={slot}
          onChange={setSlot}
          maw={220}
        />
        <Button w="fit-content" onClick={submit} loading={save.isPending}>
          Save hours
        </Button>
      </Stack>
    </Card>
  );
}

function TimeOffEditor({ doctorId, zone }: { doctorId: string; zone: string }) {
  const list = useQuery({
    queryKey: ['availability', 'time-off'],
    queryFn: () => api<{ items: TimeOff[] }>(`/doctors/${doctorId}/time-off`),
  });
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const toIso = (local: string) => DateTime.fromISO(local, { zone }).toISO() ?? '';
  const invalidate = [['availability'], ['slots']];
  const add = useAction(
    () =>
      api(`/doctors/${doctorId}/time-off`, {
        method: 'POST',
        body: { startsAt: toIso(from), endsAt: toIso(to), ...(reason ? { reason } : {}) },
      }),
    {
      success: 'Time off added.',
      invalidate,
      onSuccess: () => {
        setFrom('');
        setTo('');
        setReason('');
      },
    },
  );
  const remove = useAction((id: string) => api(`/doctors/${doctorId}/time-off/${id}`, { method: 'DELETE' }), {
    success: 'Removed.',
    invalidate,
  });
  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h4">
          Time off ({zone})
        </Title>
        <QueryView query={list} isEmpty={(d) => d.items.length === 0} empty="No time off planned.">
          {(d) => (
            <Table aria-label="Time off">
              <Table.Tbody>
                {d.items.map((t) => (
                  <Table.Tr key={t.id}>
                    <Table.Td>
                      {dateTimeIn(t.startsAt, zone)} → {dateTimeIn(t.endsAt, zone)}
                    </Table.Td>
                    <Table.Td>{t.reason}</Table.Td>
                    <Table.Td>
                      <Button size="xs" variant="subtle" color="red" onClick={() => remove.mutate(t.id)}>
                        Remove
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </QueryView>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            type="datetime-local"
            label="From"
            value={from}
            onChange={(e) => setFrom(e.currentTarget.value)}
          />
          <TextInput
            type="datetime-local"
            label="Until"
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
          />
          <TextInput
            label="Reason (optional)"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
        </SimpleGrid>
        <Button
          w="fit-content"
          disabled={!from || !to}
          onClick={() => add.mutate(undefined)}
          loading={add.isPending}
        >
          Add time off
        </Button>
      </Stack>
    </Card>
  );
}

export default function AvailabilityEditor() {
  const user = useUser();
  const doctorId = user.doctorId ?? '';
  const availability = useQuery({
    queryKey: ['availability', doctorId],
    queryFn: () => api<Availability>(`/doctors/${doctorId}/availability`),
  });
  return (
    <Page title="Availability">
      <QueryView query={availability}>
        {(data) => (
          <Stack>
            <WeeklyHours doctorId={doctorId} data={data} />
            <OverridesEditor doctorId={doctorId} data={data} />
            <TimeOffEditor doctorId={doctorId} zone={data.timezone} />
          </Stack>
        )}
      </QueryView>
    </Page>
  );
}
