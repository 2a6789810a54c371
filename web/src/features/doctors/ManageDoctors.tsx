/** Admins: the doctor directory, and adding a doctor to a clinic. */
import { useState } from 'react';
import { Button, Card, Group, Select, Stack, Table, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import type { ClinicPage, Doctor, DoctorCreate, DoctorPage } from '../../lib/contracts.ts';
import { Page, QueryView, useAction } from '../../lib/ui.tsx';

function AddDoctor() {
  const clinics = useQuery({
    queryKey: ['clinics', 'all'],
    queryFn: () => api<ClinicPage>('/clinics', { query: { limit: 100 } }),
  });
  const blank = { name: '', specialty: '', clinic: null as string | null, email: '' };
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
              clinic: f.clinic,
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
            <Select
              label="Clinic"
              data={(clinics.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
              value={f.clinic}
              onChange={(clinic) => setF({ ...f, clinic })}
              required
            />
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

export default function ManageDoctors() {
  const doctors = useQuery({
    queryKey: ['doctors', 'admin'],
    queryFn: () => api<DoctorPage>('/doctors', { query: { limit: 100 } }),
  });
  return (
    <Page title="Doctors">
      <AddDoctor />
      <QueryView query={doctors} isEmpty={(d) => d.items.length === 0} empty="No doctors yet.">
        {(d) => (
          <Table.ScrollContainer minWidth={520}>
            <Table striped aria-label="Doctors">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Code</Table.Th>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Specialty</Table.Th>
                  <Table.Th>Clinic</Table.Th>
                  <Table.Th>Rating</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.items.map((doc) => (
                  <Table.Tr key={doc.id}>
                    <Table.Td>{doc.code}</Table.Td>
                    <Table.Td>{doc.name}</Table.Td>
                    <Table.Td>{doc.specialty}</Table.Td>
                    <Table.Td>{doc.clinic.name}</Table.Td>
                    <Table.Td>
                      {doc.rating.average === null
                        ? '—'
                        : `${doc.rating.average.toFixed(1)} (${String(doc.rating.count)})`}
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
