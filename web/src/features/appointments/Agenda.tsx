/** A doctor's agenda by day or week: check in, complete, no-show. Times in the clinic's zone. */
import { useState } from 'react';
import { Anchor, Button, Card, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../lib/api.ts';
import type { Appointment, AppointmentList } from '../../lib/contracts.ts';
import { useUser } from '../../lib/session.tsx';
import { dayIn, localDate, timeIn } from '../../lib/time.ts';
import { Page, QueryView, useAction } from '../../lib/ui.tsx';
import { StatusBadge } from './MyAppointments.tsx';

const DAY = 86_400_000;

function Actions({ a }: { a: Appointment }) {
  const status = useAction(
    (next: 'checked_in' | 'completed' | 'no_show') =>
      api<Appointment>(`/appointments/${a.id}/status`, { method: 'POST', body: { status: next } }),
    { invalidate: [['agenda']], success: (r) => `${r.patient.name}: ${r.status.replace('_', ' ')}` },
  );
  if (a.status === 'booked')
    return (
      <Group gap="xs">
        <Button size="xs" onClick={() => status.mutate('checked_in')}>
          Check in
        </Button>
        <Button size="xs" variant="light" color="orange" onClick={() => status.mutate('no_show')}>
          No-show
        </Button>
      </Group>
    );
  if (a.status === 'checked_in')
    return (
      <Button size="xs" color="teal" onClick={() => status.mutate('completed')}>
        Complete
      </Button>
    );
  return null;
}

export default function Agenda() {
  const user = useUser();
  const [view, setView] = useState<'day' | 'week'>('day');
  const [offset, setOffset] = useState(0);
  const from = new Date(Date.now() + offset * (view === 'day' ? 1 : 7) * DAY);
  const agenda = useQuery({
    queryKey: ['agenda', view, offset],
    queryFn: () =>
      api<AppointmentList>(`/doctors/${user.doctorId ?? ''}/agenda`, {
        query: {
          view,
          ...(offset !== 0 ? { from: new Date(from.getTime() - (from.getTime() % DAY)).toISOString() } : {}),
        },
      }),
    enabled: user.doctorId !== null,
  });
  return (
    <Page
      title={view === 'day' ? "Today's agenda" : 'This week'}
      actions={
        <Group gap="xs" wrap="wrap">
          <SegmentedControl
            value={view}
            onChange={(v) => {
              setView(v);
              setOffset(0);
            }}
            data={[
              { value: 'day', label: 'Day' },
              { value: 'week', label: 'Week' },
            ]}
            aria-label="Agenda view"
          />
          <Button variant="default" size="xs" onClick={() => setOffset((o) => o - 1)}>
            ← Earlier
          </Button>
          <Button variant="default" size="xs" onClick={() => setOffset(0)}>
            Today
          </Button>
          <Button variant="default" size="xs" onClick={() => setOffset((o) => o + 1)}>
            Later →
          </Button>
        </Group>
      }
    >
      <QueryView query={agenda} isEmpty={(d) => d.items.length === 0} empty="No appointments in this period.">
        {(data) => {
          const zone = data.items[0]?.clinic.timezone ?? 'UTC';
          const days = [...new Set(data.items.map((a) => localDate(a.startsAt, zone)))];
          return (
            <Stack>
              <Text size="sm" c="dimmed">
                Times in {zone}
              </Text>
              {days.map((day) => (
                <Stack key={day} gap="xs">
                  <Text fw={700}>
                    {dayIn(data.items.find((a) => localDate(a.startsAt, zone) === day)!.startsAt, zone)}
                  </Text>
                  {data.items
                    .filter((a) => localDate(a.startsAt, zone) === day)
                    .map((a) => (
                      <Card withBorder key={a.id} padding="sm" data-testid="agenda-item">
                        <Group justify="space-between" wrap="wrap">
                          <Group gap="sm">
                            <Text fw={600} w={52}>
                              {timeIn(a.startsAt, zone)}
                            </Text>
                            <Stack gap={0}>
                              <Anchor component={Link} to={`/doctor/patients/${a.patient.id}`}>
                                {a.patient.name}
                              </Anchor>
                              <Text size="xs" c="dimmed">
                                {a.reason ?? 'No reason given'}
                              </Text>
                            </Stack>
                          </Group>
                          <Group gap="xs">
                            <StatusBadge status={a.status} />
                            <Actions a={a} />
                          </Group>
                        </Group>
                      </Card>
                    ))}
                </Stack>
              ))}
            </Stack>
          );
        }}
      </QueryView>
    </Page>
  );
}
