/** The admin dashboard: the pipeline's reports as charts and tables, with date filters and CSV downloads. */
import '@mantine/charts/styles.css';
import { useState } from 'react';
import { BarChart, LineChart } from '@mantine/charts';
import {
  Anchor,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { Page, QueryView } from '../../lib/ui.tsx';
import {
  csvHref,
  num,
  useReport,
  useReportList,
  type Range,
  type ReportList,
  type ReportName,
} from './data.ts';
import { ReportTable } from './Reports.tsx';

function ChartCard({
  name,
  title,
  range,
  children,
}: {
  name: ReportName;
  title: string;
  range: Range;
  children: (rows: Record<string, unknown>[]) => React.ReactNode;
}) {
  const report = useReport(name, range);
  return (
    <Card withBorder data-testid={`chart-${name}`}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        <Anchor href={csvHref(name, range)} download size="sm" aria-label={`Download ${title} as CSV`}>
          CSV
        </Anchor>
      </Group>
      <QueryView query={report} isEmpty={(d) => d.rows.length === 0} empty="No data for these dates.">
        {(d) => children(d.rows)}
      </QueryView>
    </Card>
  );
}

function Charts({ range }: { range: Range }) {
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }}>
      <ChartCard name="monthly_aggregates" title="Appointments per month" range={range}>
        {(rows) => (
          <LineChart
            h={260}
            data={rows.map((r) => ({
              month: String(r.month).slice(0, 7),
              Appointments: num(r.appointments),
              Completed: num(r.completed),
              'No-shows': num(r.no_shows),
            }))}
            dataKey="month"
            series={[
              { name: 'Appointments', color: 'blue.7' },
              { name: 'Completed', color: 'teal.7' },
              { name: 'No-shows', color: 'orange.8' },
            ]}
            withLegend
            curveType="monotone"
          />
        )}
      </ChartCard>
      <ChartCard name="no_show_by_age_band" title="No-show rate by age band (%)" range={range}>
        {(rows) => (
          <BarChart
            h={260}
            data={rows.map((r) => ({
              age: String(r.age_band),
              'No-show rate': Math.round(num(r.no_show_rate) * 1000) / 10,
            }))}
            dataKey="age"
            series={[{ name: 'No-show rate', color: 'orange.8' }]}
            unit="%"
          />
        )}
      </ChartCard>
      <ChartCard name="doctor_performance" title="Appointments per doctor" range={range}>
        {(rows) => (
          <BarChart
            h={300}
            data={rows.map((r) => ({
              doctor: String(r.doctor_name),
              Completed: num(r.completed),
              'No-shows': num(r.no_shows),
            }))}
            dataKey="doctor"
            type="stacked"
            orientation="vertical"
            yAxisProps={{ width: 150 }}
            series={[
              { name: 'Completed', color: 'teal.7' },
              { name: 'No-shows', color: 'orange.8' },
            ]}
          />
        )}
      </ChartCard>
      <ChartCard name="conditions_by_specialty" title="Most frequent diagnoses" range={range}>
        {(rows) => (
          <Table aria-label="Most frequent diagnoses">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Specialty</Table.Th>
                <Table.Th>Diagnosis</Table.Th>
                <Table.Th>Count</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...rows]
                .sort((a, b) => num(b.diagnoses) - num(a.diagnoses))
                .slice(0, 8)
                .map((r, i) => (
                  <Table.Tr key={i}>
                    <Table.Td>{String(r.specialty)}</Table.Td>
                    <Table.Td>
                      {String(r.icd10_code)} {String(r.diagnosis)}
                    </Table.Td>
                    <Table.Td>{num(r.diagnoses)}</Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
        )}
      </ChartCard>
    </SimpleGrid>
  );
}

function Filters({ list, onApply }: { list: ReportList; onApply: (r: Range) => void }) {
  const [date, setDate] = useState<string | null>(list.dates[0] ?? null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onApply({
          date: date ?? undefined,
          from: from ? `${from}-01` : undefined,
          to: to ? `${to}-01` : undefined,
        });
      }}
    >
      <Group align="flex-end" wrap="wrap">
        <Select
          label="Pipeline run"
          data={list.dates}
          value={date}
          onChange={setDate}
          allowDeselect={false}
          maw={180}
        />
        <TextInput
          type="month"
          label="From month"
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
        />
        <TextInput type="month" label="To month" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
        <Button type="submit">Apply</Button>
      </Group>
    </form>
  );
}

export default function Dashboard() {
  const list = useReportList();
  const [range, setRange] = useState<Range>({});
  return (
    <Page title="Dashboard">
      <QueryView
        query={list}
        isEmpty={(l) => l.latest === null}
        empty="No pipeline run has published reports yet: runs happen on weekdays at 10:05, or run `healthsync pipeline run`."
      >
        {(l) => (
          <Stack>
            <Text size="sm" c="dimmed">
              Reports of the pipeline run of {l.latest?.date ?? ''}; months are calendar months.
            </Text>
            <Filters list={l} onApply={setRange} />
            <Charts range={range} />
            <ReportTable list={l} range={range} />
          </Stack>
        )}
      </QueryView>
    </Page>
  );
}
