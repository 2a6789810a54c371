/** A patient's chart for their doctor: who they are, edit access, forms to add entries, the timeline. */
import { useState } from 'react';
import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api } from '../../lib/api.ts';
import type { Patient } from '../../lib/contracts.ts';
import { Page, QueryView } from '../../lib/ui.tsx';
import { EditAccess, useGrant } from '../consent/EditAccess.tsx';
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

export default function Chart() {
  const { id = '' } = useParams();
  const patient = useQuery({ queryKey: ['patient', id], queryFn: () => api<Patient>(`/patients/${id}`) });
  return (
    <Page title={patient.data ? patient.data.name : 'Patient chart'}>
      <QueryView query={patient}>{(p) => <ChartBody patient={p} />}</QueryView>
    </Page>
  );
}
