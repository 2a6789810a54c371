/**
 * Change my password: the current one, then the new one. The server's guessability check (zxcvbn) answers
 * in words, which are shown under the field they concern.
 */
import { useState } from 'react';
import { Alert, Button, Card, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { api, ApiError, field } from '../../lib/api.ts';
import { ErrorNote } from '../../lib/ui.tsx';

/** The message the API gave for one field (e.g. `body.newPassword`), if any. */
export function fieldError(err: unknown, path: string): string | undefined {
  if (!(err instanceof ApiError)) return undefined;
  return err.errors.find((e) => e.path === path)?.message;
}

const PASSWORD_HINT =
  'Use a long passphrase of unrelated words; it must not be easy to guess or contain your name or email.';

/** The new-password field of changing and of resetting a password, with the server's refusal under it. */
export function NewPasswordInput({ problem }: { problem: string | undefined }) {
  return (
    <PasswordInput
      name="newPassword"
      label="New password"
      autoComplete="new-password"
      description={PASSWORD_HINT}
      required
      error={problem}
      aria-invalid={problem ? true : undefined}
    />
  );
}

export function ChangePassword() {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const submit = async (element: HTMLFormElement) => {
    const form = new FormData(element);
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await api('/auth/password', {
        method: 'POST',
        body: { currentPassword: field(form, 'currentPassword'), newPassword: field(form, 'newPassword') },
      });
      element.reset();
      setDone(true);
      notifications.show({ color: 'teal', message: 'Password changed.' });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const wrongCurrent = error instanceof ApiError && error.code === 'auth.wrong_password';
  const newProblem = fieldError(error, 'body.newPassword');
  const other = error !== null && !wrongCurrent && !newProblem;
  return (
    <Card withBorder>
      <form
        onSubmit={(e) => {
          // Not a form action: after a refusal the typed passwords stay, to be corrected.
          e.preventDefault();
          void submit(e.currentTarget);
        }}
      >
        <Stack maw={420}>
          <Title order={2} size="h4">
            Change your password
          </Title>
          <Text size="sm" c="dimmed">
            Your other devices are signed out when the password changes.
          </Text>
          {done && (
            <Alert color="teal" title="Password changed" role="status">
              Use the new password the next time you sign in.
            </Alert>
          )}
          {other && <ErrorNote error={error} title="Could not change the password" />}
          <PasswordInput
            name="currentPassword"
            label="Current password"
            autoComplete="current-password"
            required
            error={wrongCurrent ? 'This is not your current password.' : undefined}
            aria-invalid={wrongCurrent ? true : undefined}
          />
          <NewPasswordInput problem={newProblem} />
          <Button type="submit" loading={busy} w="fit-content">
            Change password
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
