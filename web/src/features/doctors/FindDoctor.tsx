/** Find a doctor by specialty, clinic or name; pick a free time; confirm: booked in two clicks. */
import { useState } from 'react';
import {
  Tabs,
  Button,
  Card,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api } from '../../lib/api.ts';
import type { Appointment, DoctorPage, SpecialtyList } from '../../lib/contracts.ts';
import { ClinicPicker, type ClinicChoice } from '../clinics/ClinicPicker.tsx';
import { DoctorCard, type ListedDoctor } from './DoctorCard.tsx';
import { SymptomSearch } from './SymptomSearch.tsx';
import { useSession } from '../../lib/session.tsx';
import { usePagedList } from '../../lib/paging.ts';
import { ShowMore } from '../../lib/table.tsx';
import { dateTimeIn } from '../../lib/time.ts';
import { Page, QueryView, useAction } from '../../lib/ui.tsx';
import { SlotPicker, type Slot } from '../appointments/SlotPicker.tsx';

function Filters(props: {
  specialty: string | null;
  clinic: ClinicChoice | null;
  name: string;
  onChange: (next: { specialty?: string | null; clinic?: ClinicChoice | null; name?: string }) => void;
}) {
  const specialties = useQuery({
    queryKey: ['specialties'],
    queryFn: () => api<SpecialtyList>('/specialties'),
  });
  return (
    <Group grow preventGrowOverflow={false} wrap="wrap">
      <Select
        label="Specialty"
        placeholder="Any specialty"
        clearable
        searchable
        data={(specialties.data?.items ?? []).map((s) => ({
          value: s.specialty,
          label: `${s.specialty} (${String(s.doctors)})`,
        }))}
        value={props.specialty}
        onChange={(specialty) => props.onChange({ specialty })}
      />
      <ClinicPicker
        value={props.clinic}
        placeholder="Any clinic"
        onChange={(clinic) => props.onChange({ clinic })}
        onClear={() => props.onChange({ clinic: null })}
      />
      <TextInput
        label="Doctor's name"
        placeholder="e.g. Silva"
        value={props.name}
        onChange={(e) => props.onChange({ name: e.currentTarget.value })}
      />
    </Group>
  );
}

export default function FindDoctor() {
  const { user } = useSession();
  const navigate = useNavigate();
  const [filters, setFilters] = useState({
    specialty: null as string | null,
    clinic: null as ClinicChoice | null,
    name: '',
  });
  const [name] = useDebouncedValue(filters.name.trim(), 300);
  const [doctor, setDoctor] = useState<ListedDoctor | null>(null);
  const [pick, setPick] = useState<{ slot: Slot; zone: string } | null>(null);
  const [reason, setReason] = useState('');
  const doctors = usePagedList<DoctorPage>(
    ['doctors', filters.specialty, filters.clinic?.id, name],
    '/doctors',
    { specialty: filters.specialty, clinic: filters.clinic?.id, q: name || undefined },
    { pageSize: 50 },
  );
  const book = useAction(
    (slot: Slot) =>
      api<Appointment>('/appointments', {
        method: 'POST',
        body: {
          doctorId: doctor!.id,
          startsAt: slot.start,
          ...(reason.trim() ? { reason: reason.trim() } : {}),
        },
        headers: { 'idempotency-key': crypto.randomUUID() },
      }),
    {
      success: (a) => `Booked: ${a.doctor.name}, ${dateTimeIn(a.startsAt, a.clinic.timezone)}`,
      invalidate: [['appointments'], ['slots']],
      onSuccess: () => void navigate('/patient'),
    },
  );
  const choose = (slot: Slot, zone: string) => {
    if (!user) void navigate(`/signin?next=${encodeURIComponent('/find')}`);
    else setPick({ slot, zone });
  };

  return (
    <Page title="Find a doctor">
      {doctor ? (
        <Card withBorder>
          <Group justify="space-between" mb="sm">
            <Title order={2} size="h3">
              Free times with {doctor.name}
            </Title>
            <Button variant="subtle" onClick={() => setDoctor(null)}>
              Back to the list
            </Button>
          </Group>
          <SlotPicker doctorId={doctor.id} onPick={choose} />
        </Card>
      ) : (
        <Tabs defaultValue="directory" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="directory">By specialty, clinic or name</Tabs.Tab>
            <Tabs.Tab value="symptoms">By symptoms</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="directory" pt="md">
            <Stack>
              <Filters {...filters} onChange={(next) => setFilters((f) => ({ ...f, ...next }))} />
              <QueryView
                query={doctors.query}
                isEmpty={() => doctors.rows.length === 0}
                empty="No doctor matches these filters."
              >
                {() => (
                  <>
                    <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
                      {doctors.rows.map((d) => (
                        <DoctorCard key={d.id} doctor={d} onChoose={() => setDoctor(d)} />
                      ))}
                    </SimpleGrid>
                    <ShowMore list={doctors} what="doctors" />
                  </>
                )}
              </QueryView>
            </Stack>
          </Tabs.Panel>
          <Tabs.Panel value="symptoms" pt="md">
            <SymptomSearch onChoose={setDoctor} />
          </Tabs.Panel>
        </Tabs>
      )}
      <Modal opened={pick !== null} onClose={() => setPick(null)} title="Confirm your appointment">
        {pick && doctor && (
          <Stack>
            <Text>
              {doctor.name} ({doctor.specialty}), {dateTimeIn(pick.slot.start, pick.zone)}
            </Text>
            <Textarea
              label="Reason or symptoms (optional)"
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
            />
            <Button
              loading={book.isPending}
              onClick={() => book.mutate(pick.slot, { onSettled: () => setPick(null) })}
            >
              Book this time
            </Button>
          </Stack>
        )}
      </Modal>
    </Page>
  );
}
