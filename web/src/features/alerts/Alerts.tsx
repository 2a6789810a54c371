/** Admins: community alerts (EARS): open ones first; confirm to notify people in the area. */
import { useState } from 'react';
import { Badge, Button, SegmentedControl, Table } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { adminAlertList } from '../../../../src/core/contracts/alerts.ts';
import { api } from '../../lib/api.ts';
import { Page, QueryView, useAction } from '../../lib/ui.tsx';

type AlertList = z.infer<typeof adminAlertList>;

export default function Alerts() {
  const [status, setStatus] = useState('open');
  const list = useQuery({
    queryKey: ['alerts', status],
    queryFn: () => api<AlertList>('/admin/alerts', { query: { status } }),
  });
  const confirm = useAction(
    (id: string) => api<{ notified: number }>(`/admin/alerts/${id}/confirm`, { method: 'POST' }),
    {
      success: (r) => `Confirmed: ${String(r.notified)} people notified.`,
      invalidate: [['alerts']],
    },
  );
  return (
    <Page title="Community alerts">
      <SegmentedControl
        value={status}
        onChange={setStatus}
        data={['open', 'confirmed', 'closed']}
        aria-label="Alert status"
        w="fit-content"
      />
      <QueryView query={list} isEmpty={(d) => d.items.length === 0} empty={`No ${status} alerts.`}>
        {(d) => (
          <Table.ScrollContainer minWidth={640}>
            <Table striped aria-label="Alerts">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Neighbourhood</Table.Th>
                  <Table.Th>Condition</Table.Th>
                  <Table.Th>Since</Table.Th>
                  <Table.Th>Observed / expected</Table.Th>
                  <Table.Th>Methods</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.items.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>{a.neighbourhood}</Table.Td>
                    <Table.Td>{a.condition.label}</Table.Td>
                    <Table.Td>{a.openedOn}</Table.Td>
                    <Table.Td>
                      {a.observed} / {a.expected.toFixed(1)}
                    </Table.Td>
                    <Table.Td>
                      {a.methods.map((m) => (
                        <Badge key={m} size="xs" mr={4}>
                          {m}
                        </Badge>
                      ))}
                    </Table.Td>
                    <Table.Td>
                      {a.status === 'open' && (
                        <Button size="xs" onClick={() => confirm.mutate(a.id)}>
                          Confirm and notify
                        </Button>
                      )}
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
