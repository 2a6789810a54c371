/** Admins: change a clinic (only the fields that changed are sent); errors show next to their fields. */
import { useState } from 'react';
import { Checkbox, Modal, NumberInput, TextInput } from '@mantine/core';
import type { z } from 'zod';
import type { clinicUpdate } from '../../../../src/core/contracts/clinics.ts';
import { api } from '../../lib/api.ts';
import type { Clinic } from '../../lib/contracts.ts';
import { EditForm } from '../../lib/EditForm.tsx';
import { fieldErrors, formError } from '../../lib/forms.ts';
import { useAction } from '../../lib/ui.tsx';

type ClinicUpdate = z.infer<typeof clinicUpdate>;
type TextKey = 'name' | 'neighbourhood' | 'address' | 'timezone' | 'emergencyPhone';
const FIELDS = [
  'name',
  'neighbourhood',
  'address',
  'timezone',
  'emergencyPhone',
  'capacity',
  'closedOnWeekends',
];

const formOf = (c: Clinic) => ({
  name: c.name,
  neighbourhood: c.neighbourhood,
  address: c.address ?? '',
  timezone: c.timezone,
  emergencyPhone: c.emergencyPhone,
  capacity: c.capacity,
  closedOnWeekends: c.closedOnWeekends,
});
type Form = ReturnType<typeof formOf>;

/** What differs from the clinic as loaded (an emptied address is cleared: null). */
function changes(c: Clinic, f: Form): ClinicUpdate {
  const before = formOf(c);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(f) as (keyof Form)[]) if (f[k] !== before[k]) out[k] = f[k];
  if (out.address === '') out.address = null;
  return out;
}

interface FieldProps {
  f: Form;
  setF: (f: Form) => void;
  errors: Record<string, string>;
}

/** Name, place, time zone and phone: plain text fields (all required but the address). */
function TextFields({ f, setF, errors }: FieldProps) {
  const text = (k: TextKey, label: string, required = true) => (
    <TextInput
      label={label}
      required={required}
      value={f[k]}
      error={errors[k]}
      onChange={(e) => setF({ ...f, [k]: e.currentTarget.value })}
    />
  );
  return (
    <>
      {text('name', 'Name')}
      {text('neighbourhood', 'Neighbourhood')}
      {text('address', 'Address (optional)', false)}
      {text('timezone', 'Time zone (IANA)')}
      {text('emergencyPhone', 'Emergency phone')}
    </>
  );
}

/** How many patients a day, and whether weekends are closed. */
function CapacityFields({ f, setF, errors }: FieldProps) {
  return (
    <>
      <NumberInput
        label="Patients per day"
        min={1}
        max={100_000}
        allowDecimal={false}
        value={f.capacity}
        error={errors.capacity}
        onChange={(v) => setF({ ...f, capacity: typeof v === 'number' ? v : Number(v) || 0 })}
      />
      <Checkbox
        label="Closed on weekends"
        checked={f.closedOnWeekends}
        error={errors.closedOnWeekends}
        onChange={(e) => setF({ ...f, closedOnWeekends: e.currentTarget.checked })}
      />
    </>
  );
}

function EditClinicForm({ clinic, onDone }: { clinic: Clinic; onDone: () => void }) {
  const [f, setF] = useState(() => formOf(clinic));
  const save = useAction(
    (body: ClinicUpdate) => api<Clinic>(`/clinics/${clinic.id}`, { method: 'PATCH', body }),
    { success: (c) => `${c.name} saved.`, invalidate: [['clinics']], onSuccess: onDone, errors: 'form' },
  );
  const errors = fieldErrors(save.error);
  const body = changes(clinic, f);
  const general = formError(save.error, FIELDS);
  return (
    <EditForm
      onSubmit={() => save.mutate(body)}
      onCancel={onDone}
      error={general}
      saving={save.isPending}
      unchanged={Object.keys(body).length === 0}
      saveLabel="Save clinic"
    >
      <TextFields f={f} setF={setF} errors={errors} />
      <CapacityFields f={f} setF={setF} errors={errors} />
    </EditForm>
  );
}

export function EditClinic({ clinic, onClose }: { clinic: Clinic | null; onClose: () => void }) {
  return (
    <Modal opened={clinic !== null} onClose={onClose} title={clinic ? `Edit ${clinic.name}` : 'Edit clinic'}>
      {clinic && <EditClinicForm key={clinic.id} clinic={clinic} onDone={onClose} />}
    </Modal>
  );
}
