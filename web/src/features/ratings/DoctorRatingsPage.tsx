/** A doctor's own ratings: the summary and the comments patients left. */
import { Card, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import type { DoctorRatings } from '../../lib/contracts.ts';
import { useUser } from '../../lib/session.tsx';
import { dateOnly } from '../../lib/time.ts';
import { Empty, Page, QueryView } from '../../lib/ui.tsx';

export default function DoctorRatingsPage() {
  const user = useUser();
  const ratings = useQuery({
    queryKey: ['ratings', 'doctor'],
    queryFn: () => api<DoctorRatings>(`/doctors/${user.doctorId ?? ''}/ratings`, { query: { limit: 50 } }),
  });
  return (
    <Page title="My ratings">
      <QueryView query={ratings}>
        {(d) => (
          <Stack>
            <Card withBorder>
              <Text size="lg" fw={700}>
                {d.summary.average === null
                  ? 'No ratings yet'
                  : `★ ${d.summary.average.toFixed(2)} from ${String(d.summary.count)} ratings`}
              </Text>
              <Text size="sm" c="dimmed">
                Ranking score {d.summary.score.toFixed(2)} (a Bayesian average: a few ratings move it little).
              </Text>
            </Card>
            {d.items.length === 0 && <Empty>No comments yet.</Empty>}
            {d.items.map((r) => (
              <Card withBorder key={r.id}>
                <Group justify="space-between">
                  <Text aria-label={`${String(r.score)} of 5`}>{'★'.repeat(r.score)}</Text>
                  <Text size="xs" c="dimmed">
                    {dateOnly(r.createdAt)}
                  </Text>
                </Group>
                {r.comment && <Text size="sm">{r.comment}</Text>}
              </Card>
            ))}
          </Stack>
        )}
      </QueryView>
    </Page>
  );
}
