/**
 * The patients a doctor cares for, searchable by name or code. A code that is not one of them can still
 * be opened: the chart then offers emergency access.
 */
import { useState } from 'react';
import { Anchor, Table, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../lib/api.ts';
import type { PatientPage } from '../../lib/contracts.ts';
import { Page, QueryView } from '../../lib/ui.tsx';

const CODE = /^P\d{1,12}$/i;

function NotFound({ term }: { term: string }) {
  if (!CODE.test(term)) return 'No patients found.';
  const code = term.toUpperCase();
  return (
    <>
      None of your patients has the code {code}.{' '}
      <Anchor component={Link} to={`/doctor/patients/${code}`} inherit>
        Open the chart of {code} (emergency access)
      </Anchor>
    </>
  );
}

export default function MyPatients() {
  const [q, setQ] = useState('');
  const [term] = useDebouncedValue(q.trim(), 300);
  const list = useQuery({
    queryKey: ['patients', term],
    queryFn: () => api<PatientPage>('/patients', { query: { q: term || undefined, limit: 50 } }),
  });
  return (
    <Page title="My patients">
      <TextInput
        label="Search by name or code"
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        maw={360}
      />
      <QueryView query={list} isEmpty={(d) => d.items.length === 0} empty={<NotFound term={term} />}>
        {(data) => (
          <Table.ScrollContainer minWidth={400}>
            <Table striped aria-label="Patients">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Code</Table.Th>
                  <Table.Th>Born</Table.Th>
                  <Table.Th>Neighbourhood</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/doctor/patients/${p.id}`}>
                        {p.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{p.code}</Table.Td>
                    <Table.Td>{p.birthDate}</Table.Td>
                    <Table.Td>{p.neighbourhood}</Table.Td>
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
