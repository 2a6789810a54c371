/** The in-app inbox: newest first, unread marked, mark one or all read. */
import { Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import type { InboxPage } from '../../lib/contracts.ts';
import { browserZone, dateTimeIn } from '../../lib/time.ts';
import { Page, QueryView, useAction } from '../../lib/ui.tsx';

const zone = browserZone();

export default function Inbox() {
  const inbox = useQuery({
    queryKey: ['inbox', 'list'],
    queryFn: () => api<InboxPage>('/me/notifications', { query: { limit: 50 } }),
  });
  const invalidate = [['inbox']];
  const read = useAction((id: string) => api(`/me/notifications/${id}/read`, { method: 'POST' }), {
    invalidate,
  });
  const readAll = useAction(() => api('/me/notifications/read-all', { method: 'POST' }), {
    invalidate,
    success: 'All messages marked read.',
  });
  return (
    <Page
      title="Messages"
      actions={
        <Button
          variant="light"
          w="fit-content"
          onClick={() => readAll.mutate(undefined)}
          loading={readAll.isPending}
        >
          Mark all read
        </Button>
      }
    >
      <QueryView query={inbox} isEmpty={(d) => d.items.length === 0} empty="No messages yet.">
        {(data) => (
          <Stack>
            {data.items.map((m) => (
              <Card withBorder key={m.id} style={{ borderLeftWidth: m.readAt ? undefined : 4 }}>
                <Group justify="space-between" align="flex-start" wrap="nowrap">
                  <Stack gap={2}>
                    <Group gap="xs">
                      <Text fw={m.readAt ? 400 : 700}>{m.title}</Text>
                      <Badge size="xs" variant="light">
                        {m.category}
                      </Badge>
                      {!m.readAt && <Badge size="xs">new</Badge>}
                    </Group>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {m.body}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {dateTimeIn(m.createdAt, zone)}
                    </Text>
                  </Stack>
                  {!m.readAt && (
                    <Button size="xs" variant="subtle" onClick={() => read.mutate(m.id)}>
                      Mark read
                    </Button>
                  )}
                </Group>
              </Card>
            ))}
          </Stack>
        )}
      </QueryView>
    </Page>
  );
}
