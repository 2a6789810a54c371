/** Any published report as a table, with its CSV download. */
import { useState } from 'react';
import { Anchor, Card, Group, Select, Table, Text, Title } from '@mantine/core';
import { QueryView } from '../../lib/ui.tsx';
import { csvHref, useReport, type Range, type ReportList, type ReportName } from './data.ts';

export function ReportTable({ list, range }: { list: ReportList; range: Range }) {
  const [name, setName] = useState<ReportName>(list.items[0]?.name ?? 'monthly_aggregates');
  const report = useReport(name, range);
  const info = list.items.find((i) => i.name === name);
  return (
    <Card withBorder>
      <Group justify="space-between" align="flex-end" mb="sm" wrap="wrap">
        <Title order={2} size="h4">
          All reports
        </Title>
        <Select
          label="Report"
          data={list.items.map((i) => ({ value: i.name, label: i.description }))}
          value={name}
          onChange={(v) => v && setName(v)}
          allowDeselect={false}
          miw={280}
        />
        <Anchor href={csvHref(name, range)} download>
          Download CSV
        </Anchor>
      </Group>
      {info?.dateColumn === null && (range.from || range.to) && (
        <Text size="sm" c="dimmed" mb="xs">
          This report covers the whole history: the date filter does not apply to it.
        </Text>
      )}
      <QueryView
        query={report}
        isEmpty={(d) => d.rows.length === 0}
        empty="This report has no rows for these dates."
      >
        {(d) => (
          <Table.ScrollContainer minWidth={600} mah={420}>
            <Table striped stickyHeader aria-label={info?.description ?? name}>
              <Table.Thead>
                <Table.Tr>
                  {d.columns.map((c) => (
                    <Table.Th key={c}>{c.replaceAll('_', ' ')}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.rows.slice(0, 200).map((row, i) => (
                  <Table.Tr key={i}>
                    {d.columns.map((c) => (
                      <Table.Td key={c}>{String(row[c] ?? '')}</Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryView>
    </Card>
  );
}
