/** Asks for a reset link. The answer is the same whether or not the email has an account (never revealed). */
import { useState } from 'react';
import { Alert, Anchor, Button, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { Link } from 'react-router';
import { api, field } from '../../lib/api.ts';
import { ErrorNote } from '../../lib/ui.tsx';

export default function ForgotPassword() {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);

  const submit = async (form: FormData) => {
    setBusy(true);
    setError(null);
    try {
      const email = field(form, 'email');
      await api('/auth/password-reset', { method: 'POST', body: { email } });
      setSentTo(email);
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
            Reset your password
          </Title>
          {sentTo ? (
            <Alert color="teal" title="Check your email" role="status">
              If an account exists for {sentTo}, we sent it a link to choose a new password. The link works
              for a short time and only once.
            </Alert>
          ) : (
            <Text size="sm">
              Type the email you sign in with; we will email you a link to choose a new one.
            </Text>
          )}
          {error !== null && <ErrorNote error={error} title="Could not send the link" />}
          <TextInput name="email" type="email" label="Email" autoComplete="username" required />
          <Button type="submit" loading={busy}>
            {sentTo ? 'Send another link' : 'Send me a reset link'}
          </Button>
          <Anchor component={Link} to="/signin" size="sm">
            Back to sign in
          </Anchor>
        </Stack>
      </form>
    </Paper>
  );
}
