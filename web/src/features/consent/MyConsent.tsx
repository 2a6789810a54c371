/** A patient's consent: requests waiting for an answer (approve/deny) and active grants (revoke). */
import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import type { GrantList, PendingList } from '../../lib/contracts.ts';
import { dateTimeIn, browserZone } from '../../lib/time.ts';
import { Page, QueryView, useAction } from '../../lib/ui.tsx';

const zone = browserZone();

export default function MyConsent() {
  const requests = useQuery({
    queryKey: ['consent', 'requests'],
    queryFn: () => api<PendingList>('/me/consent-requests'),
  });
  const grants = useQuery({
    queryKey: ['consent', 'grants'],
    queryFn: () => api<GrantList>('/me/consent-grants'),
  });
  const invalidate = [['consent']];
  const answer = useAction(
    (v: { id: string; approve: boolean }) =>
      api(`/consent-requests/${v.id}/${v.approve ? 'approve' : 'deny'}`, { method: 'POST' }),
    { success: 'Your answer is recorded.', invalidate },
  );
  const revoke = useAction((id: string) => api(`/me/consent-grants/${id}`, { method: 'DELETE' }), {
    success: 'Access revoked.',
    invalidate,
  });
  return (
    <Page title="Consent">
      <Text c="dimmed">
        A doctor can edit your record only with your consent: give them the code we sent you, or approve the
        request here. Times are in {zone}.
      </Text>
      <Title order={2} size="h3">
        Requests waiting for you
      </Title>
      <QueryView query={requests} isEmpty={(d) => d.items.length === 0} empty="No requests waiting.">
        {(data) => (
          <Stack>
            {data.items.map((r) => (
              <Card withBorder key={r.id} data-testid="consent-request">
                <Group justify="space-between">
                  <Stack gap={2}>
                    <Text fw={600}>
                      {r.doctor.name} ({r.doctor.specialty}) asks to edit your record
                    </Text>
                    <Text size="sm" c="dimmed">
                      Asked {dateTimeIn(r.createdAt, zone)}; expires {dateTimeIn(r.expiresAt, zone)}
                    </Text>
                  </Stack>
                  <Group gap="xs">
                    <Button size="xs" onClick={() => answer.mutate({ id: r.id, approve: true })}>
                      Approve
                    </Button>
                    <Button
                      size="xs"
                      variant="light"
                      color="red"
                      onClick={() => answer.mutate({ id: r.id, approve: false })}
                    >
                      Deny
                    </Button>
                  </Group>
                </Group>
              </Card>
            ))}
          </Stack>
        )}
      </QueryView>
      <Title order={2} size="h3">
        Doctors who may edit my record now
      </Title>
      <QueryView query={grants} isEmpty={(d) => d.items.length === 0} empty="No doctor has access now.">
        {(data) => (
          <Stack>
            {data.items.map((g) => (
              <Card withBorder key={g.id} data-testid="consent-grant">
                <Group justify="space-between">
                  <Stack gap={2}>
                    <Text fw={600}>
                      {g.doctor.name} ({g.doctor.specialty})
                      {g.kind === 'emergency' ? ' — emergency access' : ''}
                    </Text>
                    <Text size="sm" c="dimmed">
                      Until {dateTimeIn(g.expiresAt, zone)}
                    </Text>
                  </Stack>
                  <Button size="xs" variant="light" color="red" onClick={() => revoke.mutate(g.id)}>
                    Revoke
                  </Button>
                </Group>
              </Card>
            ))}
          </Stack>
        )}
      </QueryView>
    </Page>
  );
}
