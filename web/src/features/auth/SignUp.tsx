import { useState } from 'react';
import { Anchor, Button, Paper, PasswordInput, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { field } from '../../lib/api.ts';
import { useSession } from '../../lib/session.tsx';
import { ErrorNote } from '../../lib/ui.tsx';

const GENDERS = [
  { value: 'F', label: 'Female' },
  { value: 'M', label: 'Male' },
  { value: 'X', label: 'Another / prefer not to say' },
];

export default function SignUp() {
  const { signUp } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (form: FormData) => {
    setBusy(true);
    setError(null);
    const text = (key: string) => field(form, key).trim();
    try {
      await signUp({
        name: text('name'),
        email: text('email'),
        password: field(form, 'password'),
        birthDate: text('birthDate'),
        gender: text('gender') as 'F' | 'M' | 'X',
        neighbourhood: text('neighbourhood'),
        ...(text('phone') ? { phone: text('phone') } : {}),
        ...(text('patientCode') ? { patientCode: text('patientCode') } : {}),
      });
      void navigate('/find');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="lg" maw={480} mx="auto">
      <form action={submit}>
        <Stack>
          <Title order={1} size="h2">
            Create your patient account
          </Title>
          {error !== null && <ErrorNote error={error} title="Could not create the account" />}
          <TextInput name="name" label="Full name" autoComplete="name" required />
          <TextInput name="email" type="email" label="Email" autoComplete="email" required />
          <PasswordInput
            name="password"
            label="Password"
            description="At least 12 characters; a few unusual words work well."
            autoComplete="new-password"
            required
          />
          <TextInput name="birthDate" type="date" label="Date of birth" required />
          <Select name="gender" label="Gender" data={GENDERS} defaultValue="X" allowDeselect={false} />
          <TextInput name="neighbourhood" label="Neighbourhood" autoComplete="address-level3" required />
          <TextInput name="phone" type="tel" label="Phone (optional)" autoComplete="tel" />
          <TextInput
            name="patientCode"
            label="Clinic card code (optional)"
            description="Links the account to your existing record, e.g. P0042."
          />
          <Button type="submit" loading={busy}>
            Create account
          </Button>
          <Text size="sm">
            Have an account?{' '}
            <Anchor component={Link} to="/signin">
              Sign in
            </Anchor>
          </Text>
        </Stack>
      </form>
    </Paper>
  );
}
