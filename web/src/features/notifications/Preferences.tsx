/** Channels per message category, and the addresses they use (Telegram chat, phone). */
import { useState } from 'react';
import { Button, Card, Checkbox, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import type { Preferences, PreferencesBody } from '../../lib/contracts.ts';
import { Page, QueryView, useAction } from '../../lib/ui.tsx';

const CHANNEL_LABELS: Record<string, string> = {
  in_app: 'In the app',
  email: 'Email',
  telegram: 'Telegram',
  sms: 'SMS',
};

function Addresses({ prefs }: { prefs: Preferences }) {
  const [telegram, setTelegram] = useState(prefs.telegramChatId ?? '');
  const [phone, setPhone] = useState(prefs.phone ?? '');
  const save = useAction(
    (body: PreferencesBody) => api('/me/notification-preferences', { method: 'PUT', body }),
    {
      success: 'Saved.',
      invalidate: [['preferences']],
    },
  );
  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h4">
          Where to reach you
        </Title>
        <Group grow align="flex-end" wrap="wrap">
          <TextInput
            label="Telegram chat id"
            description="Message our bot, then paste the chat id it answers with."
            value={telegram}
            onChange={(e) => setTelegram(e.currentTarget.value)}
          />
          <TextInput
            label="Phone for SMS"
            description="International format, e.g. +5527999990000"
            type="tel"
            value={phone}
            onChange={(e) => setPhone(e.currentTarget.value)}
          />
        </Group>
        <Button
          w="fit-content"
          loading={save.isPending}
          onClick={() =>
            save.mutate({ telegramChatId: telegram.trim() || null, phone: phone.trim() || null })
          }
        >
          Save addresses
        </Button>
      </Stack>
    </Card>
  );
}

function Channels({ prefs }: { prefs: Preferences }) {
  const toggle = useAction(
    (body: PreferencesBody) => api('/me/notification-preferences', { method: 'PUT', body }),
    {
      invalidate: [['preferences']],
      success: 'Saved.',
    },
  );
  const channels = Object.keys(CHANNEL_LABELS);
  return (
    <Table.ScrollContainer minWidth={420}>
      <Table aria-label="Channels per category">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Messages about</Table.Th>
            {channels.map((c) => (
              <Table.Th key={c}>{CHANNEL_LABELS[c]}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {prefs.categories.map((cat) => (
            <Table.Tr key={cat.category}>
              <Table.Td>{cat.category}</Table.Td>
              {channels.map((c) => {
                const ch = cat.channels.find((x) => x.channel === c);
                return (
                  <Table.Td key={c}>
                    {ch && (
                      <Checkbox
                        aria-label={`${cat.category} by ${CHANNEL_LABELS[c] ?? c}`}
                        checked={ch.enabled}
                        disabled={ch.locked}
                        onChange={(e) =>
                          toggle.mutate({
                            channels: [
                              {
                                category: cat.category,
                                channel: ch.channel,
                                enabled: e.currentTarget.checked,
                              },
                            ],
                          })
                        }
                      />
                    )}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export default function PreferencesPage() {
  const prefs = useQuery({
    queryKey: ['preferences'],
    queryFn: () => api<Preferences>('/me/notification-preferences'),
  });
  return (
    <Page title="Notification settings">
      <QueryView query={prefs}>
        {(p) => (
          <Stack>
            <Addresses prefs={p} />
            <Text c="dimmed" size="sm">
              Account and consent messages always reach you in the app and by email.
            </Text>
            <Channels prefs={p} />
          </Stack>
        )}
      </QueryView>
    </Page>
  );
}
