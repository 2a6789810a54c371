/** Admins: clinics, and adding one (its zone decides every local time shown for it). */
import { useState } from 'react';
import { Button, Card, Checkbox, Group, Stack, Table, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import type { Clinic, ClinicCreate, ClinicPage } from '../../lib/contracts.ts';
import { Page, QueryView, useAction } from '../../lib/ui.tsx';

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

export default function ManageClinics() {
  const clinics = useQuery({
    queryKey: ['clinics', 'admin'],
    queryFn: () => api<ClinicPage>('/clinics', { query: { limit: 100 } }),
  });
  return (
    <Page title="Clinics">
      <AddClinic />
      <QueryView query={clinics} isEmpty={(d) => d.items.length === 0} empty="No clinics yet.">
        {(d) => (
          <Table.ScrollContainer minWidth={520}>
            <Table striped aria-label="Clinics">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Code</Table.Th>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Neighbourhood</Table.Th>
                  <Table.Th>Zone</Table.Th>
                  <Table.Th>Emergency</Table.Th>
                  <Table.Th>Weekends</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.items.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>{c.code}</Table.Td>
                    <Table.Td>{c.name}</Table.Td>
                    <Table.Td>{c.neighbourhood}</Table.Td>
                    <Table.Td>{c.timezone}</Table.Td>
                    <Table.Td>{c.emergencyPhone}</Table.Td>
                    <Table.Td>{c.closedOnWeekends ? 'closed' : 'open'}</Table.Td>
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
