/** "Who accessed my record": every read and write of the patient's data, newest first. */
import { Badge, Table, Text } from '@mantine/core';
import type { AccessLogPage } from '../../lib/contracts.ts';
import { usePagedList } from '../../lib/paging.ts';
import { ShowMore } from '../../lib/table.tsx';
import { browserZone, dateTimeIn } from '../../lib/time.ts';
import { Empty, ErrorNote, Loading, Page } from '../../lib/ui.tsx';

const zone = browserZone();

export default function AccessLog() {
  const list = usePagedList<AccessLogPage>(['access-log'], '/me/access-log', {}, { pageSize: 50 });
  const { query: q, rows } = list;
  return (
    <Page title="Who accessed my record">
      <Text c="dimmed">Every read and write of your data, newest first. Times in {zone}.</Text>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorNote error={q.error} />
      ) : rows.length === 0 ? (
        <Empty>Nobody has accessed your record yet.</Empty>
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table striped aria-label="Accesses to my record">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Who</Table.Th>
                <Table.Th>What</Table.Th>
                <Table.Th>Outcome</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{dateTimeIn(r.at, zone)}</Table.Td>
                  <Table.Td>
                    {r.actor.name ?? 'Unknown'} ({r.actor.role})
                  </Table.Td>
                  <Table.Td>{r.action.replaceAll('.', ' ').replaceAll('_', ' ')}</Table.Td>
                  <Table.Td>
                    <Badge color={r.outcome === 'allowed' ? 'teal' : 'red'} variant="light">
                      {r.outcome}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ShowMore list={list} what="accesses" text="Show older" />
    </Page>
  );
}
