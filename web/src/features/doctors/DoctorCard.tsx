/** One doctor in a search result: specialty, clinic, rating, and the way to their free times. */
import type { ReactNode } from 'react';
import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { Doctor } from '../../lib/contracts.ts';

/** What a result needs (the directory and the symptom search both give it). */
export type ListedDoctor = Pick<Doctor, 'id' | 'name' | 'specialty' | 'rating'> & {
  clinic: Pick<Doctor['clinic'], 'name' | 'neighbourhood'>;
};

export function DoctorCard({
  doctor,
  onChoose,
  extra,
}: {
  doctor: ListedDoctor;
  onChoose: () => void;
  extra?: ReactNode;
}) {
  const r = doctor.rating;
  return (
    <Card withBorder>
      <Stack gap={4}>
        <Title order={3} size="h4">
          {doctor.name}
        </Title>
        <Group gap="xs">
          <Badge variant="light">{doctor.specialty}</Badge>
          <Text size="sm" c="dimmed">
            {doctor.clinic.name}, {doctor.clinic.neighbourhood}
          </Text>
        </Group>
        <Text size="sm">
          {r.count > 0 && r.average !== null
            ? `★ ${r.average.toFixed(1)} from ${String(r.count)} ratings`
            : 'No ratings yet'}
        </Text>
        {extra}
        <Button mt="xs" onClick={onChoose} aria-label={`See free times of ${doctor.name}`}>
          See free times
        </Button>
      </Stack>
    </Card>
  );
}
