/** A patient's medical timeline: visits and every record entry, newest first; abnormal labs stand out. */
import { Badge, Card, Group, Stack, Text, Timeline as MTimeline } from '@mantine/core';
import type { TimelineItem, TimelinePage } from '../../lib/contracts.ts';
import { usePagedList } from '../../lib/paging.ts';
import { ShowMore } from '../../lib/table.tsx';
import { dateOnly } from '../../lib/time.ts';
import { Empty, ErrorNote, Loading } from '../../lib/ui.tsx';

const LABELS: Record<TimelineItem['kind'], string> = {
  appointment: 'Appointment',
  encounter: 'Visit',
  diagnosis: 'Diagnosis',
  prescription: 'Prescription',
  lab_result: 'Lab result',
  note: 'Note',
  billing_line: 'Bill',
};

function range(low: number | null, high: number | null): string {
  if (low !== null && high !== null) return `reference ${String(low)}–${String(high)}`;
  if (low !== null) return `reference ≥ ${String(low)}`;
  if (high !== null) return `reference ≤ ${String(high)}`;
  return '';
}

function Body({ item }: { item: TimelineItem }) {
  switch (item.kind) {
    case 'appointment':
      return (
        <Text size="sm">
          With {item.doctor.name} — {item.status.replace('_', ' ')}
          {item.reason ? `: ${item.reason}` : ''}
        </Text>
      );
    case 'encounter':
      return <Text size="sm">{item.reason ?? 'Visit'}</Text>;
    case 'diagnosis':
      return (
        <Text size="sm">
          <b>{item.code}</b> {item.text}
        </Text>
      );
    case 'prescription':
      return (
        <Text size="sm">
          <b>{item.medication}</b> — {item.dose}, {item.route}, {item.frequency}
          {item.durationDays ? ` for ${String(item.durationDays)} days` : ''}
        </Text>
      );
    case 'lab_result':
      return (
        <Group gap="xs">
          <Text size="sm" c={item.abnormal ? 'red' : undefined} fw={item.abnormal ? 700 : undefined}>
            {item.test}: {String(item.value)} {item.unit ?? ''} {range(item.referenceLow, item.referenceHigh)}
          </Text>
          {item.abnormal && (
            <Badge color="red" variant="filled">
              Abnormal
            </Badge>
          )}
        </Group>
      );
    case 'note':
      return <Text size="sm">{item.body}</Text>;
    case 'billing_line':
      return (
        <Text size="sm">
          {item.description}: {item.amount} {item.currency}
        </Text>
      );
  }
}

export function Timeline({ patientId }: { patientId: string }) {
  const list = usePagedList<TimelinePage>(
    ['timeline', patientId],
    `/patients/${patientId}/timeline`,
    {},
    { pageSize: 50 },
  );
  const { query, rows: items } = list;
  if (query.isPending) return <Loading label="Loading the timeline…" />;
  if (query.isError) return <ErrorNote error={query.error} title="Could not load the timeline" />;
  if (items.length === 0) return <Empty>No visits or records yet.</Empty>;
  return (
    <Card withBorder>
      <Stack>
        <MTimeline bulletSize={14} lineWidth={2} aria-label="Medical timeline">
          {items.map((item) => {
            const abnormal = item.kind === 'lab_result' && item.abnormal === true;
            return (
              <MTimeline.Item
                key={`${item.kind}-${item.id}`}
                color={abnormal ? 'red' : undefined}
                title={
                  <Group gap="xs">
                    <Text fw={600} size="sm">
                      {LABELS[item.kind]}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {dateOnly(item.occurredAt)}
                      {'recordedBy' in item ? ` · ${item.recordedBy.name}` : ''}
                    </Text>
                  </Group>
                }
                data-kind={item.kind}
                data-abnormal={abnormal || undefined}
              >
                <Body item={item} />
              </MTimeline.Item>
            );
          })}
        </MTimeline>
        <ShowMore list={list} what="entries" text="Show older" />
      </Stack>
    </Card>
  );
}
