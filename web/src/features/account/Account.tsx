/** Every signed-in person's account: where they are signed in (sign out one or all others), their password. */
import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { revokedCount, sessionList } from '../../../../src/core/contracts/auth.ts';
import { api } from '../../lib/api.ts';
import { useUser } from '../../lib/session.tsx';
import { DataTable, type Column } from '../../lib/table.tsx';
import { browserZone, dateTimeIn } from '../../lib/time.ts';
import { Page, QueryView, useAction } from '../../lib/ui.tsx';
import { ChangePassword } from './ChangePassword.tsx';
import { describeDevice } from './device.ts';

type Session = z.infer<typeof sessionList>['items'][number];
const zone = browserZone();
const KEY = ['auth', 'sessions'];

function Sessions() {
  const sessions = useQuery({
    queryKey: KEY,
    queryFn: () => api<z.infer<typeof sessionList>>('/auth/sessions'),
  });
  const revoke = useAction((id: string) => api(`/auth/sessions/${id}`, { method: 'DELETE' }), {
    success: 'That device is signed out.',
    invalidate: [KEY],
  });
  const others = useAction(
    () => api<z.infer<typeof revokedCount>>('/auth/sessions/revoke-others', { method: 'POST' }),
    {
      success: (r) =>
        r.revoked === 1 ? 'Signed out 1 other device.' : `Signed out ${String(r.revoked)} other devices.`,
      invalidate: [KEY],
    },
  );
  const columns: Column<Session>[] = [
    {
      header: 'Device',
      cell: (s) => (
        <Group gap="xs" wrap="nowrap">
          <Text size="sm">{describeDevice(s.userAgent)}</Text>
          {s.current && (
            <Badge color="teal" variant="light">
              This device
            </Badge>
          )}
        </Group>
      ),
    },
    { header: 'Last seen', cell: (s) => dateTimeIn(s.lastSeenAt, zone) },
    { header: 'Signed in', cell: (s) => dateTimeIn(s.createdAt, zone) },
    { header: 'IP address', cell: (s) => s.ip ?? 'unknown' },
    {
      header: 'Action',
      cell: (s) =>
        s.current ? (
          <Text size="sm" c="dimmed">
            Use “Sign out” above
          </Text>
        ) : (
          <Button
            size="xs"
            variant="light"
            color="red"
            loading={revoke.isPending && revoke.variables === s.id}
            onClick={() => revoke.mutate(s.id)}
            aria-label={`Sign out ${describeDevice(s.userAgent)}, last seen ${dateTimeIn(s.lastSeenAt, zone)}`}
          >
            Sign out
          </Button>
        ),
    },
  ];
  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h4">
          Where you are signed in
        </Title>
        <QueryView query={sessions} label="Loading your sessions…">
          {(d) => (
            <Stack>
              <DataTable label="Active sessions" rows={d.items} columns={columns} minWidth={720} />
              <Button
                w="fit-content"
                variant="default"
                disabled={d.items.every((s) => s.current)}
                loading={others.isPending}
                onClick={() => others.mutate(undefined)}
              >
                Sign out all other devices
              </Button>
            </Stack>
          )}
        </QueryView>
      </Stack>
    </Card>
  );
}

export default function Account() {
  const user = useUser();
  return (
    <Page title="Your account">
      <Text>
        Signed in as <strong>{user.displayName}</strong> ({user.email}), {user.role}.
      </Text>
      <Sessions />
      <ChangePassword />
    </Page>
  );
}
