import { useState } from 'react';
import { Button } from '@mantine/core';
import { api, errorText } from '../../lib/api.ts';
import { useUser } from '../../lib/session.tsx';
import { Page } from '../../lib/ui.tsx';
import { notifications } from '@mantine/notifications';
import { Timeline } from './Timeline.tsx';

/** Saves the whole record (GET /me/record) as a JSON file. */
async function download(): Promise<void> {
  const record = await api<unknown>('/me/record');
  const url = URL.createObjectURL(new Blob([JSON.stringify(record, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `healthsync-record-${new Date().toISOString().slice(0, 10)}.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export default function MyTimeline() {
  const user = useUser();
  const [busy, setBusy] = useState(false);
  const save = () => {
    setBusy(true);
    download()
      .catch((err: unknown) =>
        notifications.show({ color: 'red', title: 'Download failed', message: errorText(err) }),
      )
      .finally(() => setBusy(false));
  };
  return (
    <Page
      title="My medical timeline"
      actions={
        <Button variant="light" w="fit-content" onClick={save} loading={busy}>
          Download my record (JSON)
        </Button>
      }
    >
      {user.patientId && <Timeline patientId={user.patientId} />}
    </Page>
  );
}
