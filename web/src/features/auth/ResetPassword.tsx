/**
 * The page a reset email links to (`/reset-password?token=…`, built by the auth module): choose a new
 * password, then sign in with it. Every device was signed out by the reset.
 */
import { useState } from 'react';
import { Alert, Anchor, Button, Paper, Stack, Title } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { api, ApiError, field } from '../../lib/api.ts';
import { ErrorNote } from '../../lib/ui.tsx';
import { fieldError, NewPasswordInput } from '../account/ChangePassword.tsx';

export default function ResetPassword() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const submit = async (form: FormData) => {
    setBusy(true);
    setError(null);
    try {
      await api('/auth/password-reset/confirm', {
        method: 'POST',
        body: { token, newPassword: field(form, 'newPassword') },
      });
      setDone(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const problem = fieldError(error, 'body.newPassword');
  const linkBroken =
    error instanceof ApiError && (error.code === 'auth.reset_invalid' || fieldError(error, 'body.token'));
  return (
    <Paper withBorder p="lg" maw={420} mx="auto">
      <Stack>
        <Title order={1} size="h2">
          Choose a new password
        </Title>
        {done ? (
          <Alert color="teal" title="Password changed" role="status">
            Your new password is set and every device was signed out.{' '}
            <Anchor component={Link} to="/signin">
              Sign in with the new password
            </Anchor>
          </Alert>
        ) : !token || linkBroken ? (
          <Alert color="red" title="This link does not work" role="alert">
            The reset link is invalid, used or expired.{' '}
            <Anchor component={Link} to="/forgot-password">
              Ask for a new link
            </Anchor>
          </Alert>
        ) : (
          <form
            onSubmit={(e) => {
              // Not a form action: after a refusal the typed passwords stay, to be corrected.
              e.preventDefault();
              void submit(new FormData(e.currentTarget));
            }}
          >
            <Stack>
              {error !== null && !problem && <ErrorNote error={error} title="Could not set the password" />}
              <NewPasswordInput problem={problem} />
              <Button type="submit" loading={busy}>
                Set new password
              </Button>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
