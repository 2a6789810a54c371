/** Admins: clinics, adding one (its zone decides every local time shown for it), editing one, its holidays. */
import { useState } from 'react';
import { Button, Card, Checkbox, Group, Stack, TextInput, Title } from '@mantine/core';
import { api } from '../../lib/api.ts';
import type { Clinic, ClinicCreate, ClinicPage } from '../../lib/contracts.ts';
import { usePagedList } from '../../lib/paging.ts';
import { DataTable, type Column } from '../../lib/table.tsx';
import { Page, QueryView, useAction } from '../../lib/ui.tsx';
import { ClinicHolidays } from './ClinicHolidays.tsx';
import { EditClinic } from './EditClinic.tsx';

function AddClinic() {
  const blank = {
    name: '',
    neighbourhood: '',
    timezone: 'America/Sao_Paulo',
    emergencyPhone: '',
    closedOnWeekends: true,
  };
  const [f, setF] = useState(blank);
  const add = useAction((body: ClinicCreate) => api<Clinic>('/clinics', { method: 'POST', body }), {
    success: (c) => `${c.name} added as ${c.code}.`,
    invalidate: [['clinics']],
    onSuccess: () => setF(blank),
  });
  const text = (k: 'name' | 'neighbourhood' | 'timezone' | 'emergencyPhone') => ({
    value: f[k],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setF({ ...f, [k]: e.currentTarget.value }),
  });
  return (
    <Card withBorder>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate(f);
        }}
      >
        <Stack>
          <Title order={2} size="h4">
            Add a clinic
          </Title>
          <Group grow wrap="wrap">
            <TextInput label="Name" required {...text('name')} />
            <TextInput label="Neighbourhood" required {...text('neighbourhood')} />
          </Group>
          <Group grow wrap="wrap">
            <TextInput label="Time zone (IANA)" required {...text('timezone')} />
            <TextInput label="Emergency phone" required {...text('emergencyPhone')} />
          </Group>
          <Checkbox
            label="Closed on weekends"
            checked={f.closedOnWeekends}
            onChange={(e) => setF({ ...f, closedOnWeekends: e.currentTarget.checked })}
          />
          <Button type="submit" w="fit-content" loading={add.isPending}>
            Add clinic
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

const CLINIC_COLUMNS: Column<Clinic>[] = [
  { header: 'Code', cell: (c) => c.code },
  { header: 'Name', cell: (c) => c.name },
  { header: 'Neighbourhood', cell: (c) => c.neighbourhood },
  { header: 'Zone', cell: (c) => c.timezone },
  { header: 'Emergency', cell: (c) => c.emergencyPhone },
  { header: 'Weekends', cell: (c) => (c.closedOnWeekends ? 'closed' : 'open') },
];

export default function ManageClinics() {
  const clinics = usePagedList<ClinicPage>(['clinics', 'admin'], '/clinics');
  const [editing, setEditing] = useState<Clinic | null>(null);
  const [holidays, setHolidays] = useState<Clinic | null>(null);
  const columns: Column<Clinic>[] = [
    ...CLINIC_COLUMNS,
    {
      header: 'Actions',
      cell: (c) => (
        <Group gap="xs" wrap="nowrap">
          <Button size="xs" variant="light" aria-label={`Edit ${c.name}`} onClick={() => setEditing(c)}>
            Edit
          </Button>
          <Button
            size="xs"
            variant="default"
            aria-label={`Holidays of ${c.name}`}
            onClick={() => setHolidays(c)}
          >
            Holidays
          </Button>
        </Group>
      ),
    },
  ];
  return (
    <Page title="Clinics">
      <AddClinic />
      <QueryView query={clinics.query} isEmpty={() => clinics.rows.length === 0} empty="No clinics yet.">
        {() => (
          <DataTable label="Clinics" minWidth={720} rows={clinics.rows} columns={columns} more={clinics} />
        )}
      </QueryView>
      <EditClinic clinic={editing} onClose={() => setEditing(null)} />
      <ClinicHolidays clinic={holidays} onClose={() => setHolidays(null)} />
    </Page>
  );
}
