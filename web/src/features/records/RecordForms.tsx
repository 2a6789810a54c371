/**
 * What a doctor adds to a record: a diagnosis (ICD-10-CM search), a prescription, a lab result, a note or
 * a billing line. The first entry of a sitting opens an encounter; later ones are added to it.
 */
import { useState, type ReactNode } from 'react';
import { Button, Group, NumberInput, Select, Stack, Tabs, Textarea, TextInput } from '@mantine/core';
import { Icd10Picker } from '../icd10/Icd10Picker.tsx';
import { ROUTES } from '../../../../src/core/vocab.ts';
import { api } from '../../lib/api.ts';
import type { EncounterCreate, EncounterRecord } from '../../lib/contracts.ts';
import { useAction } from '../../lib/ui.tsx';

type Entries = Omit<EncounterCreate, 'occurredAt' | 'appointmentId' | 'reason'>;

function useAddEntries(patientId: string) {
  const [encounterId, setEncounterId] = useState<string | null>(null);
  return useAction(
    (entries: Entries) =>
      encounterId
        ? api<EncounterRecord>(`/encounters/${encounterId}/entries`, { method: 'POST', body: entries })
        : api<EncounterRecord>(`/patients/${patientId}/encounters`, {
            method: 'POST',
            body: { reason: 'Consultation', ...entries },
          }),
    {
      success: 'Added to the record.',
      invalidate: [['timeline', patientId]],
      onSuccess: (r) => setEncounterId(r.encounter.id),
    },
  );
}

function Form({
  onSubmit,
  busy,
  ready,
  children,
}: {
  onSubmit: () => void;
  busy: boolean;
  ready: boolean;
  children: ReactNode;
}) {
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <Stack>
        {children}
        <Button type="submit" w="fit-content" loading={busy} disabled={!ready}>
          Add to record
        </Button>
      </Stack>
    </form>
  );
}

function DiagnosisForm({ add }: { add: ReturnType<typeof useAddEntries> }) {
  const [code, setCode] = useState<string | null>(null);
  return (
    <Form
      busy={add.isPending}
      ready={code !== null}
      onSubmit={() => code && add.mutate({ diagnoses: [{ code }] }, { onSuccess: () => setCode(null) })}
    >
      <Icd10Picker value={code} onChange={setCode} />
    </Form>
  );
}

function PrescriptionForm({ add }: { add: ReturnType<typeof useAddEntries> }) {
  const blank = {
    medication: '',
    dose: '',
    frequency: '',
    route: 'oral' as (typeof ROUTES)[number],
    days: '' as string | number,
  };
  const [f, setF] = useState(blank);
  const set = (k: keyof typeof blank) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setF({ ...f, [k]: e.currentTarget.value });
  const ready = f.medication.trim() !== '' && f.dose.trim() !== '' && f.frequency.trim() !== '';
  const submit = () =>
    add.mutate(
      {
        prescriptions: [
          {
            medication: f.medication,
            dose: f.dose,
            route: f.route,
            frequency: f.frequency,
            durationDays: typeof f.days === 'number' ? f.days : null,
          },
        ],
      },
      { onSuccess: () => setF(blank) },
    );
  return (
    <Form busy={add.isPending} ready={ready} onSubmit={submit}>
      <TextInput
        label="Medication and strength"
        placeholder="Metformin 500 mg tablet"
        value={f.medication}
        onChange={set('medication')}
        required
      />
      <Group grow wrap="wrap">
        <TextInput label="Dose" placeholder="1 tablet" value={f.dose} onChange={set('dose')} required />
        <Select
          label="Route"
          data={[...ROUTES]}
          value={f.route}
          onChange={(v) => setF({ ...f, route: v ?? 'oral' })}
          allowDeselect={false}
        />
      </Group>
      <Group grow wrap="wrap">
        <TextInput
          label="Frequency"
          placeholder="twice a day with meals"
          value={f.frequency}
          onChange={set('frequency')}
          required
        />
        <NumberInput
          label="Duration (days)"
          min={1}
          max={3650}
          value={f.days}
          onChange={(v) => setF({ ...f, days: v })}
        />
      </Group>
    </Form>
  );
}

function LabForm({ add }: { add: ReturnType<typeof useAddEntries> }) {
  const blank = {
    test: '',
    value: '' as string | number,
    unit: '',
    low: '' as string | number,
    high: '' as string | number,
  };
  const [f, setF] = useState(blank);
  const num = (v: string | number) => (typeof v === 'number' ? v : null);
  const submit = () =>
    add.mutate(
      {
        labResults: [
          {
            test: f.test,
            value: f.value,
            unit: f.unit.trim() || null,
            referenceLow: num(f.low),
            referenceHigh: num(f.high),
          },
        ],
      },
      { onSuccess: () => setF(blank) },
    );
  return (
    <Form busy={add.isPending} ready={f.test.trim() !== '' && f.value !== ''} onSubmit={submit}>
      <TextInput
        label="Test"
        placeholder="Glucose, fasting"
        value={f.test}
        onChange={(e) => setF({ ...f, test: e.currentTarget.value })}
        required
      />
      <Group grow wrap="wrap">
        <NumberInput
          label="Value"
          value={f.value}
          onChange={(v) => setF({ ...f, value: v })}
          required
          decimalScale={3}
        />
        <TextInput
          label="Unit"
          placeholder="mg/dL"
          value={f.unit}
          onChange={(e) => setF({ ...f, unit: e.currentTarget.value })}
        />
      </Group>
      <Group grow wrap="wrap">
        <NumberInput label="Reference low" value={f.low} onChange={(v) => setF({ ...f, low: v })} />
        <NumberInput label="Reference high" value={f.high} onChange={(v) => setF({ ...f, high: v })} />
      </Group>
    </Form>
  );
}

function NoteForm({ add }: { add: ReturnType<typeof useAddEntries> }) {
  const [body, setBody] = useState('');
  return (
    <Form
      busy={add.isPending}
      ready={body.trim() !== ''}
      onSubmit={() => add.mutate({ notes: [{ body }] }, { onSuccess: () => setBody('') })}
    >
      <Textarea
        label="Clinical note"
        autosize
        minRows={3}
        value={body}
        onChange={(e) => setBody(e.currentTarget.value)}
        required
      />
    </Form>
  );
}

function BillingForm({ add }: { add: ReturnType<typeof useAddEntries> }) {
  const blank = { description: '', amount: '', currency: 'BRL' };
  const [f, setF] = useState(blank);
  return (
    <Form
      busy={add.isPending}
      ready={f.description.trim() !== '' && /^\d+(\.\d{1,2})?$/.test(f.amount)}
      onSubmit={() => add.mutate({ billingLines: [f] }, { onSuccess: () => setF(blank) })}
    >
      <TextInput
        label="Description"
        placeholder="Consultation"
        value={f.description}
        onChange={(e) => setF({ ...f, description: e.currentTarget.value })}
        required
      />
      <Group grow wrap="wrap">
        <TextInput
          label="Amount"
          placeholder="150.00"
          inputMode="decimal"
          value={f.amount}
          onChange={(e) => setF({ ...f, amount: e.currentTarget.value })}
          required
        />
        <TextInput
          label="Currency"
          maxLength={3}
          value={f.currency}
          onChange={(e) => setF({ ...f, currency: e.currentTarget.value.toUpperCase() })}
          required
        />
      </Group>
    </Form>
  );
}

export function RecordForms({ patientId }: { patientId: string }) {
  const add = useAddEntries(patientId);
  return (
    <Tabs defaultValue="diagnosis" keepMounted={false}>
      <Tabs.List>
        <Tabs.Tab value="diagnosis">Diagnosis</Tabs.Tab>
        <Tabs.Tab value="prescription">Prescription</Tabs.Tab>
        <Tabs.Tab value="lab">Lab result</Tabs.Tab>
        <Tabs.Tab value="note">Note</Tabs.Tab>
        <Tabs.Tab value="billing">Billing</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="diagnosis" pt="md">
        <DiagnosisForm add={add} />
      </Tabs.Panel>
      <Tabs.Panel value="prescription" pt="md">
        <PrescriptionForm add={add} />
      </Tabs.Panel>
      <Tabs.Panel value="lab" pt="md">
        <LabForm add={add} />
      </Tabs.Panel>
      <Tabs.Panel value="note" pt="md">
        <NoteForm add={add} />
      </Tabs.Panel>
      <Tabs.Panel value="billing" pt="md">
        <BillingForm add={add} />
      </Tabs.Panel>
    </Tabs>
  );
}
