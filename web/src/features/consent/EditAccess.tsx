/**
 * A doctor's edit access to one patient: the active grant, or "request edit access", which sends the
 * patient a one-time code; the doctor types the code the patient hands over, or waits while the patient
 * approves in the app (the grant list is polled while a request is open).
 */
import { useState } from 'react';
import { Alert, Button, Group, PinInput, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import type { ChallengeCreated, Grant, GrantList } from '../../lib/contracts.ts';
import { browserZone, dateTimeIn } from '../../lib/time.ts';
import { useAction } from '../../lib/ui.tsx';

const zone = browserZone();

export function useGrant(patientId: string, polling: boolean): Grant | undefined {
  const grants = useQuery({
    queryKey: ['consent', 'issued'],
    queryFn: () => api<GrantList>('/me/consent-grants/issued'),
    refetchInterval: polling ? 2000 : false,
  });
  return grants.data?.items.find((g) => g.patientId === patientId);
}

export function EditAccess({
  patientId,
  grant,
  onRequest,
}: {
  patientId: string;
  grant: Grant | undefined;
  onRequest: (open: boolean) => void;
}) {
  const [challenge, setChallenge] = useState<ChallengeCreated | null>(null);
  const [code, setCode] = useState('');
  const request = useAction(
    () => api<ChallengeCreated>(`/patients/${patientId}/consent-requests`, { method: 'POST' }),
    {
      success: (c) =>
        c.delivered
          ? 'Code sent to the patient.'
          : 'The patient has no account: read them the code at the desk.',
      onSuccess: (c) => {
        setChallenge(c);
        onRequest(true);
      },
    },
  );
  const verify = useAction(
    (v: { id: string; code: string }) =>
      api<Grant>(`/consent-requests/${v.id}/verify`, { method: 'POST', body: { code: v.code } }),
    {
      success: 'Access granted.',
      invalidate: [['consent']],
      onSuccess: () => {
        setChallenge(null);
        setCode('');
        onRequest(false);
      },
    },
  );
  if (grant)
    return (
      <Alert color="teal" title="You may edit this record">
        {grant.kind === 'emergency' ? 'Emergency access' : 'Consent given'} until{' '}
        {dateTimeIn(grant.expiresAt, zone)}.
      </Alert>
    );
  return (
    <Alert color="blue" title="Read-only: the patient's consent is needed to edit">
      {challenge ? (
        <Stack gap="xs">
          <Text size="sm">
            We sent the patient a 6-digit code. Type it here, or wait while they approve in the app (this page
            updates by itself).
          </Text>
          <Group align="flex-end">
            <PinInput
              length={6}
              type="number"
              oneTimeCode
              value={code}
              onChange={setCode}
              aria-label="Consent code"
              getInputProps={(i) => ({ 'aria-label': `Digit ${String(i + 1)} of the consent code` })}
            />
            <Button
              disabled={code.length !== 6}
              loading={verify.isPending}
              onClick={() => verify.mutate({ id: challenge.id, code })}
            >
              Verify code
            </Button>
          </Group>
        </Stack>
      ) : (
        <Button mt="xs" onClick={() => request.mutate(undefined)} loading={request.isPending}>
          Request edit access
        </Button>
      )}
    </Alert>
  );
}
