import { useState } from 'react';
import { Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { field } from '../../lib/api.ts';
import { homeOf, useSession } from '../../lib/session.tsx';
import { ErrorNote } from '../../lib/ui.tsx';

export default function SignIn() {
  const { signIn } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (form: FormData) => {
    setBusy(true);
    setError(null);
    try {
      const user = await signIn({ email: field(form, 'email'), password: field(form, 'password') });
      const next = params.get('next');
      const allowed = next === '/account' || next?.startsWith(homeOf(user.role));
      void navigate(allowed && next ? next : homeOf(user.role));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="lg" maw={420} mx="auto">
      <form action={submit}>
        <Stack>
          <Title order={1} size="h2">
            Sign in
          </Title>
          {error !== null && <ErrorNote error={error} title="Could not sign you in" />}
          <TextInput name="email" type="email" label="Email" autoComplete="username" required />
          <PasswordInput name="password" label="Password" autoComplete="current-password" required />
          <Anchor component={Link} to="/forgot-password" size="sm">
            Forgot your password?
          </Anchor>
          <Button type="submit" loading={busy}>
            Sign in
          </Button>
          <Text size="sm">
            New here?{' '}
            <Anchor component={Link} to="/signup">
              Create a patient account
            </Anchor>
          </Text>
        </Stack>
      </form>
    </Paper>
  );
}
