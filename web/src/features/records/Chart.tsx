/** A patient's chart for their doctor: who they are, edit access, forms to add entries, the timeline. */
import { useState } from 'react';
import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api, ApiError } from '../../lib/api.ts';
import type { Patient } from '../../lib/contracts.ts';
import { ErrorNote, Page, QueryView } from '../../lib/ui.tsx';
import { EditAccess, useGrant } from '../consent/EditAccess.tsx';
import { EmergencyAccess } from './EmergencyAccess.tsx';
import { RecordForms } from './RecordForms.tsx';
import { Timeline } from './Timeline.tsx';

function Flags({ p }: { p: Patient }) {
  const flags = [
    p.hypertension && 'Hypertension',
    p.diabetes && 'Diabetes',
    p.alcoholism && 'Alcoholism',
    p.handicap > 0 && `Handicap ${String(p.handicap)}`,
  ].filter(Boolean);
  return (
    <Group gap="xs">
      {flags.map((f) => (
        <Badge key={String(f)} color="orange" variant="light">
          {f}
        </Badge>
      ))}
    </Group>
  );
}

function ChartBody({ patient }: { patient: Patient }) {
  const [waiting, setWaiting] = useState(false);
  const grant = useGrant(patient.id, waiting);
  return (
    <Stack>
      <Card withBorder>
        <Text>
          {patient.code} · born {patient.birthDate} · {patient.gender} · {patient.neighbourhood}
        </Text>
        <Flags p={patient} />
      </Card>
      <EditAccess patientId={patient.id} grant={grant} onRequest={setWaiting} />
      {!grant && <EmergencyAccess patientRef={patient.id} />}
      {grant && (
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            Add to the record
          </Title>
          <RecordForms patientId={patient.id} />
        </Card>
      )}
      <Title order={2} size="h3">
        Timeline
      </Title>
      <Timeline patientId={patient.id} />
    </Stack>
  );
}

/** Not this doctor's patient and no grant: the chart is closed, except by emergency access. */
function Closed({ patientRef, error }: { patientRef: string; error: unknown }) {
  return (
    <Stack>
      <ErrorNote error={error} title="You do not have access to this chart" />
      <EmergencyAccess patientRef={patientRef} startOpen />
    </Stack>
  );
}

export default function Chart() {
  const { id = '' } = useParams();
  const patient = useQuery({ queryKey: ['patient', id], queryFn: () => api<Patient>(`/patients/${id}`) });
  const forbidden = patient.error instanceof ApiError && patient.error.status === 403;
  return (
    <Page title={patient.data ? patient.data.name : 'Patient chart'}>
      {forbidden ? (
        <Closed patientRef={id} error={patient.error} />
      ) : (
        <QueryView query={patient}>{(p) => <ChartBody patient={p} />}</QueryView>
      )}
    </Page>
  );
}
