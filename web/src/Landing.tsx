import { Anchor, Button, Group, SimpleGrid, Stack, Text, Title, Card } from '@mantine/core';
import { Link, Navigate } from 'react-router';
import { homeOf, useSession } from './lib/session.tsx';

const POINTS = [
  ['Book in two clicks', 'Find a doctor by specialty, clinic or name and pick a free time.'],
  ['Your record, your say', 'Doctors edit your record only with a one-time code you hand them.'],
  ['See who looked', 'Every read and write of your data is logged, and you can see the list.'],
] as const;

export function Landing() {
  const { user, ready } = useSession();
  if (ready && user) return <Navigate to={homeOf(user.role)} replace />;
  return (
    <Stack gap="xl" py="md">
      <Stack gap="xs">
        <Title order={1}>Care, booked and kept in one place</Title>
        <Text size="lg" c="dimmed">
          HealthSync joins clinics, doctors and patients: appointments, medical records with consent, and
          reminders that arrive.
        </Text>
      </Stack>
      <Group>
        <Button component={Link} to="/find" size="md">
          Find a doctor
        </Button>
        <Button component={Link} to="/signup" size="md" variant="light">
          Create an account
        </Button>
        <Button component={Link} to="/signin" size="md" variant="subtle">
          Sign in
        </Button>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        {POINTS.map(([title, body]) => (
          <Card key={title} withBorder>
            <Title order={2} size="h4">
              {title}
            </Title>
            <Text c="dimmed" mt="xs">
              {body}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
      <Text>
        <Anchor component={Link} to="/alerts">
          Community health alerts
        </Anchor>{' '}
        — unusual rises of illness in your area, open to everyone.
      </Text>
    </Stack>
  );
}
