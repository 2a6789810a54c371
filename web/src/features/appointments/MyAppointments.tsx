/** A patient's upcoming and past appointments: reschedule, cancel, rate a completed visit. */
import { useState } from 'react';
import { Badge, Button, Card, Group, Modal, Stack, Tabs, Text } from '@mantine/core';
import { Link } from 'react-router';
import { api } from '../../lib/api.ts';
import type { Appointment, AppointmentPage, RatingPage } from '../../lib/contracts.ts';
import { usePagedList } from '../../lib/paging.ts';
import { ShowMore } from '../../lib/table.tsx';
import { dateTimeIn } from '../../lib/time.ts';
import { Page, QueryView, useAction } from '../../lib/ui.tsx';
import { RateVisit } from '../ratings/RateVisit.tsx';
import { SlotPicker, type Slot } from './SlotPicker.tsx';

export const STATUS_COLORS: Record<Appointment['status'], string> = {
  booked: 'blue',
  checked_in: 'grape',
  completed: 'teal',
  no_show: 'orange',
  cancelled: 'gray',
};

export function StatusBadge({ status }: { status: Appointment['status'] }) {
  return (
    <Badge color={STATUS_COLORS[status]} variant="light">
      {status.replace('_', ' ')}
    </Badge>
  );
}

function Row({ a, actions }: { a: Appointment; actions?: React.ReactNode }) {
  return (
    <Card withBorder data-testid="appointment">
      <Group justify="space-between" wrap="wrap">
        <Stack gap={2}>
          <Text fw={600}>
            {a.doctor.name} · {a.doctor.specialty}
          </Text>
          <Text size="sm">{dateTimeIn(a.startsAt, a.clinic.timezone)}</Text>
          <Text size="sm" c="dimmed">
            {a.clinic.name}
          </Text>
        </Stack>
        <Group gap="xs">
          <StatusBadge status={a.status} />
          {actions}
        </Group>
      </Group>
    </Card>
  );
}

function Upcoming() {
  const [moving, setMoving] = useState<Appointment | null>(null);
  const [target, setTarget] = useState<{ slot: Slot; zone: string } | null>(null);
  const [cancelling, setCancelling] = useState<Appointment | null>(null);
  const list = usePagedList<AppointmentPage>(
    ['appointments', 'upcoming'],
    '/me/appointments',
    { scope: 'upcoming' },
    { pageSize: 50 },
  );
  const invalidate = [['appointments'], ['slots']];
  const reschedule = useAction(
    (v: { id: string; startsAt: string }) =>
      api<Appointment>(`/appointments/${v.id}/reschedule`, {
        method: 'POST',
        body: { startsAt: v.startsAt },
      }),
    { success: (a) => `Moved to ${dateTimeIn(a.startsAt, a.clinic.timezone)}`, invalidate },
  );
  const cancel = useAction(
    (id: string) => api<Appointment>(`/appointments/${id}/cancel`, { method: 'POST', body: {} }),
    { success: 'Appointment cancelled; the time is free for others.', invalidate },
  );
  return (
    <>
      <QueryView
        query={list.query}
        isEmpty={() => list.rows.length === 0}
        empty={
          <>
            No upcoming appointments. <Link to="/find">Find a doctor</Link>
          </>
        }
      >
        {() => (
          <Stack>
            {list.rows.map((a) => (
              <Row
                key={a.id}
                a={a}
                actions={
                  a.status === 'booked' && (
                    <>
                      <Button size="xs" variant="light" onClick={() => setMoving(a)}>
                        Reschedule
                      </Button>
                      <Button size="xs" variant="light" color="red" onClick={() => setCancelling(a)}>
                        Cancel
                      </Button>
                    </>
                  )
                }
              />
            ))}
            <ShowMore list={list} what="appointments" />
          </Stack>
        )}
      </QueryView>
      <Modal
        opened={moving !== null}
        onClose={() => {
          setMoving(null);
          setTarget(null);
        }}
        title="Choose a new time"
        size="xl"
      >
        {moving &&
          (target ? (
            <Stack>
              <Text>
                Move your visit with {moving.doctor.name} to {dateTimeIn(target.slot.start, target.zone)}?
              </Text>
              <Group>
                <Button
                  loading={reschedule.isPending}
                  onClick={() =>
                    reschedule.mutate(
                      { id: moving.id, startsAt: target.slot.start },
                      {
                        onSettled: () => {
                          setMoving(null);
                          setTarget(null);
                        },
                      },
                    )
                  }
                >
                  Move appointment
                </Button>
                <Button variant="subtle" onClick={() => setTarget(null)}>
                  Pick another time
                </Button>
              </Group>
            </Stack>
          ) : (
            <SlotPicker doctorId={moving.doctor.id} onPick={(slot, zone) => setTarget({ slot, zone })} />
          ))}
      </Modal>
      <Modal
        opened={cancelling !== null}
        onClose={() => setCancelling(null)}
        title="Cancel this appointment?"
      >
        {cancelling && (
          <Stack>
            <Text>
              {cancelling.doctor.name}, {dateTimeIn(cancelling.startsAt, cancelling.clinic.timezone)}
            </Text>
            <Group>
              <Button
                color="red"
                loading={cancel.isPending}
                onClick={() => cancel.mutate(cancelling.id, { onSettled: () => setCancelling(null) })}
              >
                Cancel appointment
              </Button>
              <Button variant="subtle" onClick={() => setCancelling(null)}>
                Keep it
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}

function Past() {
  const [rating, setRating] = useState<Appointment | null>(null);
  const list = usePagedList<AppointmentPage>(
    ['appointments', 'past'],
    '/me/appointments',
    { scope: 'past' },
    { pageSize: 50 },
  );
  // Every rating the patient gave (one per visit at most), so no rated visit offers "Rate this visit".
  const mine = usePagedList<RatingPage>(['ratings', 'mine'], '/me/ratings', {}, { all: true });
  const rated = new Map(mine.rows.map((r) => [r.appointmentId, r.score]));
  return (
    <>
      <QueryView query={list.query} isEmpty={() => list.rows.length === 0} empty="No past appointments.">
        {() => (
          <Stack>
            {list.rows.map((a) => (
              <Row
                key={a.id}
                a={a}
                actions={
                  a.status === 'completed' &&
                  (rated.has(a.id) ? (
                    <Text size="sm" aria-label={`You rated ${String(rated.get(a.id))} of 5`}>
                      {'★'.repeat(rated.get(a.id) ?? 0)}
                    </Text>
                  ) : (
                    <Button size="xs" onClick={() => setRating(a)}>
                      Rate this visit
                    </Button>
                  ))
                }
              />
            ))}
            <ShowMore list={list} what="appointments" />
          </Stack>
        )}
      </QueryView>
      <RateVisit visit={rating} onClose={() => setRating(null)} />
    </>
  );
}

export default function MyAppointments() {
  return (
    <Page
      title="My appointments"
      actions={
        <Button component={Link} to="/find" w="fit-content">
          Book an appointment
        </Button>
      }
    >
      <Tabs defaultValue="upcoming" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="upcoming">Upcoming</Tabs.Tab>
          <Tabs.Tab value="past">Past</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="upcoming" pt="md">
          <Upcoming />
        </Tabs.Panel>
        <Tabs.Panel value="past" pt="md">
          <Past />
        </Tabs.Panel>
      </Tabs>
    </Page>
  );
}
