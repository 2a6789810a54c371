/**
 * Community health alerts for everyone (no sign-in), grouped by area. Counts below the server's threshold
 * are withheld (null) so that nobody can be recognised; the page says so instead of showing a number.
 */
import { useState } from 'react';
import { Alert, Badge, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { publicAlert, publicAlertList } from '../../../../src/core/contracts/alerts.ts';
import { api, field } from '../../lib/api.ts';
import { Page, QueryView } from '../../lib/ui.tsx';

type PublicAlert = z.infer<typeof publicAlert>;
type AlertList = z.infer<typeof publicAlertList>;

const STATUS: Record<PublicAlert['status'], { label: string; color: string }> = {
  open: { label: 'Being checked by staff', color: 'orange' },
  confirmed: { label: 'Confirmed', color: 'red' },
};

function byArea(items: readonly PublicAlert[]): [string, PublicAlert[]][] {
  const groups = new Map<string, PublicAlert[]>();
  for (const a of items) groups.set(a.neighbourhood, [...(groups.get(a.neighbourhood) ?? []), a]);
  return [...groups.entries()].sort(([x], [y]) => x.localeCompare(y));
}

function Counts({ a, below }: { a: PublicAlert; below: number }) {
  if (a.suppressed || a.observed === null)
    return (
      <Text size="sm">
        Cases: fewer than {below} on {a.lastAlarmOn}. The exact number is withheld so that nobody can be
        identified.
      </Text>
    );
  return (
    <Text size="sm">
      Cases on {a.lastAlarmOn}: {a.observed}
      {a.expected !== null && ` (usually about ${a.expected.toFixed(1)} a day)`}
    </Text>
  );
}

function AlertCard({ a, below }: { a: PublicAlert; below: number }) {
  const status = STATUS[a.status];
  return (
    <Card withBorder data-testid="public-alert">
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap">
          <Title order={3} size="h5">
            {a.condition}
          </Title>
          <Badge color={status.color} variant="light">
            {status.label}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          Since {a.since}
        </Text>
        <Counts a={a} below={below} />
        <Text size="sm">{a.advice}</Text>
      </Stack>
    </Card>
  );
}

export default function PublicAlerts() {
  const [area, setArea] = useState('');
  const list = useQuery({
    queryKey: ['public-alerts', area],
    queryFn: () => api<AlertList>('/alerts', { query: { area } }),
  });
  return (
    <Page title="Community health alerts">
      <Text>
        When more people than usual in an area fall ill with the same condition, HealthSync raises an alert.
        Staff check each one; confirmed alerts are also sent to people living there.
      </Text>
      <form action={(form) => setArea(field(form, 'area').trim())}>
        <Group align="flex-end" wrap="wrap">
          <TextInput name="area" label="Neighbourhood" placeholder="e.g. Centro" defaultValue={area} />
          <Button type="submit" variant="default">
            Show alerts
          </Button>
          {area && (
            <Button variant="subtle" onClick={() => setArea('')}>
              All areas
            </Button>
          )}
        </Group>
      </form>
      <QueryView
        query={list}
        label="Loading alerts…"
        isEmpty={(d) => d.items.length === 0}
        empty={area ? `No current alerts in ${area}.` : 'No current alerts in any area.'}
      >
        {(d) => (
          <Stack>
            <Alert color="gray" title="About the numbers">
              Counts below {d.suppressBelow} are never shown, to protect the privacy of the people involved.
            </Alert>
            {byArea(d.items).map(([name, alerts]) => (
              <Stack key={name} gap="xs" component="section" aria-label={name}>
                <Title order={2} size="h4">
                  {name}
                </Title>
                {alerts.map((a) => (
                  <AlertCard key={a.id} a={a} below={d.suppressBelow} />
                ))}
              </Stack>
            ))}
          </Stack>
        )}
      </QueryView>
    </Page>
  );
}
