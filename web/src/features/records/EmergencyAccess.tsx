/**
 * "Break the glass": a doctor opens a chart without the patient's consent, with a written reason. The
 * server records it in the audit log and tells the patient; the access lasts 4 hours.
 */
import { useState } from 'react';
import { Alert, Button, Stack, Text, Textarea } from '@mantine/core';
import { api } from '../../lib/api.ts';
import type { Grant } from '../../lib/contracts.ts';
import { useAction } from '../../lib/ui.tsx';

const MIN_REASON = 10;

export function EmergencyAccess({
  patientRef,
  startOpen = false,
}: {
  patientRef: string;
  startOpen?: boolean;
}) {
  const [open, setOpen] = useState(startOpen);
  const [reason, setReason] = useState('');
  const grant = useAction(
    () =>
      api<Grant>(`/patients/${patientRef}/emergency-access`, {
        method: 'POST',
        body: { reason: reason.trim() },
      }),
    {
      success: 'Emergency access granted for 4 hours.',
      invalidate: [['consent'], ['patient'], ['timeline']],
      onSuccess: () => setOpen(false),
    },
  );
  if (!open)
    return (
      <Button variant="outline" color="red" w="fit-content" onClick={() => setOpen(true)}>
        Emergency access
      </Button>
    );
  const short = reason.trim().length < MIN_REASON;
  return (
    <Alert color="red" title="Emergency access" role="region" aria-label="Emergency access">
      <Stack gap="sm">
        <Text size="sm">
          Use this only when the patient cannot give consent and care cannot wait. It is audited: your name,
          the time and your reason are recorded, and the patient is told that you opened their record. Access
          lasts 4 hours.
        </Text>
        <Textarea
          label="Reason for emergency access"
          description={`At least ${String(MIN_REASON)} characters, e.g. what happened and why it cannot wait.`}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          required
          autosize
          minRows={2}
          maxLength={1000}
          error={reason.length > 0 && short ? `Write at least ${String(MIN_REASON)} characters.` : undefined}
        />
        <Stack gap="xs" align="flex-start">
          <Button
            color="red"
            disabled={short}
            loading={grant.isPending}
            onClick={() => grant.mutate(undefined)}
          >
            Open the chart in an emergency
          </Button>
          <Button variant="subtle" onClick={() => setOpen(false)}>
            Cancel
          </Button>
        </Stack>
      </Stack>
    </Alert>
  );
}
