/** Admins: the doctor directory, adding a doctor to a clinic, and editing one. */
import { useState } from 'react';
import { Button, Card, Group, Stack, TextInput, Title } from '@mantine/core';
import { api } from '../../lib/api.ts';
import type { Doctor, DoctorCreate, DoctorPage } from '../../lib/contracts.ts';
import { usePagedList } from '../../lib/paging.ts';
import { DataTable, type Column } from '../../lib/table.tsx';
import { Page, QueryView, useAction } from '../../lib/ui.tsx';
import { ClinicPicker, type ClinicChoice } from '../clinics/ClinicPicker.tsx';
import { EditDoctor } from './EditDoctor.tsx';

function AddDoctor() {
  const blank = { name: '', specialty: '', clinic: null as ClinicChoice | null, email: '' };
  const [f, setF] = useState(blank);
  const add = useAction((body: DoctorCreate) => api<Doctor>('/doctors', { method: 'POST', body }), {
    success: (d) => `${d.name} added as ${d.code}.`,
    invalidate: [['doctors']],
    onSuccess: () => setF(blank),
  });
  return (
    <Card withBorder>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (f.clinic)
            add.mutate({
              name: f.name,
              specialty: f.specialty,
              clinic: f.clinic.id,
              ...(f.email ? { email: f.email } : {}),
            });
        }}
      >
        <Stack>
          <Title order={2} size="h4">
            Add a doctor
          </Title>
          <Group grow wrap="wrap">
            <TextInput
              label="Name"
              value={f.name}
              onChange={(e) => setF({ ...f, name: e.currentTarget.value })}
              required
            />
            <TextInput
              label="Specialty"
              value={f.specialty}
              onChange={(e) => setF({ ...f, specialty: e.currentTarget.value })}
              required
            />
          </Group>
          <Group grow wrap="wrap">
            <ClinicPicker value={f.clinic} onChange={(clinic) => setF({ ...f, clinic })} />
            <TextInput
              label="Email (optional)"
              type="email"
              value={f.email}
              onChange={(e) => setF({ ...f, email: e.currentTarget.value })}
            />
          </Group>
          <Button type="submit" w="fit-content" loading={add.isPending} disabled={!f.clinic}>
            Add doctor
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

const DOCTOR_COLUMNS: Column<Doctor>[] = [
  { header: 'Code', cell: (doc) => doc.code },
  { header: 'Name', cell: (doc) => doc.name },
  { header: 'Specialty', cell: (doc) => doc.specialty },
  { header: 'Clinic', cell: (doc) => doc.clinic.name },
  {
    header: 'Rating',
    cell: (doc) =>
      doc.rating.average === null ? '—' : `${doc.rating.average.toFixed(1)} (${String(doc.rating.count)})`,
  },
];

export default function ManageDoctors() {
  const doctors = usePagedList<DoctorPage>(['doctors', 'admin'], '/doctors');
  const [editing, setEditing] = useState<Doctor | null>(null);
  const columns: Column<Doctor>[] = [
    ...DOCTOR_COLUMNS,
    {
      header: 'Actions',
      cell: (doc) => (
        <Button size="xs" variant="light" aria-label={`Edit ${doc.name}`} onClick={() => setEditing(doc)}>
          Edit
        </Button>
      ),
    },
  ];
  return (
    <Page title="Doctors">
      <AddDoctor />
      <QueryView query={doctors.query} isEmpty={() => doctors.rows.length === 0} empty="No doctors yet.">
        {() => (
          <DataTable label="Doctors" minWidth={640} rows={doctors.rows} columns={columns} more={doctors} />
        )}
      </QueryView>
      <EditDoctor doctor={editing} onClose={() => setEditing(null)} />
    </Page>
  );
}
