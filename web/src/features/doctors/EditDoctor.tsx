/** Admins: change a doctor's name, specialty, clinic or contact (only what changed is sent). */
import { useState } from 'react';
import { Alert, Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { doctorUpdate } from '../../../../src/core/contracts/doctors.ts';
import { api } from '../../lib/api.ts';
import type { ClinicPage, Doctor } from '../../lib/contracts.ts';
import { fieldErrors, formError, useFormAction } from '../../lib/forms.ts';

type DoctorUpdate = z.infer<typeof doctorUpdate>;
const FIELDS = ['name', 'specialty', 'clinic', 'email', 'phone'];

function EditDoctorForm({ doctor, onDone }: { doctor: Doctor; onDone: () => void }) {
  const clinics = useQuery({
    queryKey: ['clinics', 'all'],
    queryFn: () => api<ClinicPage>('/clinics', { query: { limit: 100 } }),
  });
  const [f, setF] = useState({
    name: doctor.name,
    specialty: doctor.specialty,
    clinic: doctor.clinic.id,
    email: '',
    phone: '',
  });
  const save = useFormAction(
    (body: DoctorUpdate) => api<Doctor>(`/doctors/${doctor.id}`, { method: 'PATCH', body }),
    { success: (d) => `${d.name} saved.`, invalidate: [['doctors']], onSuccess: onDone },
  );
  const body: DoctorUpdate = {
    ...(f.name !== doctor.name ? { name: f.name } : {}),
    ...(f.specialty !== doctor.specialty ? { specialty: f.specialty } : {}),
    ...(f.clinic !== doctor.clinic.id ? { clinic: f.clinic } : {}),
    ...(f.email.trim() ? { email: f.email.trim() } : {}),
    ...(f.phone.trim() ? { phone: f.phone.trim() } : {}),
  };
  const errors = fieldErrors(save.error);
  const general = formError(save.error, FIELDS);
  const text = (k: 'name' | 'specialty' | 'email' | 'phone', label: string, extra: object = {}) => (
    <TextInput
      label={label}
      value={f[k]}
      error={errors[k]}
      onChange={(e) => setF({ ...f, [k]: e.currentTarget.value })}
      {...extra}
    />
  );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(body);
      }}
    >
      <Stack>
        {general && (
          <Alert color="red" role="alert" title="Not saved">
            {general}
          </Alert>
        )}
        {text('name', 'Name', { required: true })}
        {text('specialty', 'Specialty', { required: true })}
        <Select
          label="Clinic"
          required
          allowDeselect={false}
          data={(clinics.data?.items ?? [doctor.clinic]).map((c) => ({ value: c.id, label: c.name }))}
          value={f.clinic}
          error={errors.clinic}
          onChange={(clinic) => clinic && setF({ ...f, clinic })}
        />
        {text('email', 'New email (optional)', {
          type: 'email',
          description: 'Leave empty to keep the current one.',
        })}
        {text('phone', 'New phone (optional)', {
          type: 'tel',
          description: 'Leave empty to keep the current one.',
        })}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending} disabled={Object.keys(body).length === 0}>
            Save doctor
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function EditDoctor({ doctor, onClose }: { doctor: Doctor | null; onClose: () => void }) {
  return (
    <Modal opened={doctor !== null} onClose={onClose} title={doctor ? `Edit ${doctor.name}` : 'Edit doctor'}>
      {doctor && <EditDoctorForm key={doctor.id} doctor={doctor} onDone={onClose} />}
    </Modal>
  );
}
