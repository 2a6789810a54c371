/**
 * A doctor's free slots as a calendar (days without a free slot are disabled) and the times of the chosen
 * day, in the clinic's zone with the zone named. Picking a time calls `onPick`.
 */
import '@mantine/dates/styles.css';
import { useMemo, useState } from 'react';
import { Button, Group, Stack, Text } from '@mantine/core';
import { DatePicker } from '@mantine/dates';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import type { DoctorSlots } from '../../lib/contracts.ts';
import { dayIn, localDate, timeIn } from '../../lib/time.ts';
import { QueryView } from '../../lib/ui.tsx';

export interface Slot {
  start: string;
  end: string;
}

export function SlotPicker({
  doctorId,
  onPick,
}: {
  doctorId: string;
  onPick: (slot: Slot, zone: string) => void;
}) {
  const slots = useQuery({
    queryKey: ['slots', doctorId],
    queryFn: () =>
      api<DoctorSlots>(`/doctors/${doctorId}/slots`, {
        query: { to: new Date(Date.now() + 28 * 86_400_000).toISOString() },
      }),
  });
  return (
    <QueryView
      query={slots}
      isEmpty={(d) => d.items.length === 0}
      empty="No free times in the next four weeks."
    >
      {(data) => <SlotCalendar data={data} onPick={onPick} />}
    </QueryView>
  );
}

function SlotCalendar({ data, onPick }: { data: DoctorSlots; onPick: (slot: Slot, zone: string) => void }) {
  const zone = data.timezone;
  const byDay = useMemo(() => {
    const map = new Map<string, Slot[]>();
    for (const slot of data.items) {
      const day = localDate(slot.start, zone);
      map.set(day, [...(map.get(day) ?? []), slot]);
    }
    return map;
  }, [data, zone]);
  const first = byDay.keys().next().value;
  const [day, setDay] = useState<string | null>(first ?? null);
  const times = day ? (byDay.get(day) ?? []) : [];
  return (
    <Group align="flex-start" gap="xl">
      <DatePicker
        value={day}
        onChange={setDay}
        defaultDate={first}
        excludeDate={(date) => !byDay.has(date)}
        aria-label="Choose a day"
        ariaLabels={{
          previousMonth: 'Previous month',
          nextMonth: 'Next month',
          previousYear: 'Previous year',
          nextYear: 'Next year',
          previousDecade: 'Previous decade',
          nextDecade: 'Next decade',
        }}
      />
      <Stack gap="xs" style={{ flex: 1, minWidth: 200 }}>
        <Text fw={600}>{day && times[0] ? dayIn(times[0].start, zone) : 'Choose a day'}</Text>
        <Text size="sm" c="dimmed">
          Times in {zone}
        </Text>
        <Group gap="xs" role="list" aria-label="Free times">
          {times.map((slot) => (
            <Button
              key={slot.start}
              variant="light"
              size="sm"
              role="listitem"
              onClick={() => onPick(slot, zone)}
            >
              {timeIn(slot.start, zone)}
            </Button>
          ))}
        </Group>
      </Stack>
    </Group>
  );
}
