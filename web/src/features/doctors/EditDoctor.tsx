/** Admins: change a doctor's name, specialty, clinic or contact (only what changed is sent). */
import { useState } from 'react';
import { Modal, TextInput, type TextInputProps } from '@mantine/core';
import type { z } from 'zod';
import type { doctorUpdate } from '../../../../src/core/contracts/doctors.ts';
import { api } from '../../lib/api.ts';
import type { Doctor } from '../../lib/contracts.ts';
import { EditForm } from '../../lib/EditForm.tsx';
import { fieldErrors, formError } from '../../lib/forms.ts';
import { useAction } from '../../lib/ui.tsx';
import { ClinicPicker } from '../clinics/ClinicPicker.tsx';

type DoctorUpdate = z.infer<typeof doctorUpdate>;
const FIELDS = ['name', 'specialty', 'clinic', 'email', 'phone'];

const formOf = (d: Doctor) => ({
  name: d.name,
  specialty: d.specialty,
  clinic: { id: d.clinic.id, name: d.clinic.name, neighbourhood: d.clinic.neighbourhood },
  email: '',
  phone: '',
});
type Form = ReturnType<typeof formOf>;

/** What changed (email and phone only when given: empty keeps the current one). */
function changes(d: Doctor, f: Form): DoctorUpdate {
  return {
    ...(f.name !== d.name ? { name: f.name } : {}),
    ...(f.specialty !== d.specialty ? { specialty: f.specialty } : {}),
    ...(f.clinic.id !== d.clinic.id ? { clinic: f.clinic.id } : {}),
    ...(f.email.trim() ? { email: f.email.trim() } : {}),
    ...(f.phone.trim() ? { phone: f.phone.trim() } : {}),
  };
}

interface FieldProps {
  f: Form;
  setF: (f: Form) => void;
  errors: Record<string, string>;
}

function DoctorText({
  k,
  f,
  setF,
  errors,
  ...extra
}: FieldProps & { k: 'name' | 'specialty' | 'email' | 'phone'; label: string } & TextInputProps) {
  return (
    <TextInput
      value={f[k]}
      error={errors[k]}
      onChange={(e) => setF({ ...f, [k]: e.currentTarget.value })}
      {...extra}
    />
  );
}

/** Who the doctor is and where they work; the clinic they are at now is always one of the choices. */
function PracticeFields({ doctor, ...p }: FieldProps & { doctor: Doctor }) {
  return (
    <>
      <DoctorText {...p} k="name" label="Name" required />
      <DoctorText {...p} k="specialty" label="Specialty" required />
      <ClinicPicker
        value={p.f.clinic}
        keep={[doctor.clinic]}
        error={p.errors.clinic}
        onChange={(clinic) => p.setF({ ...p.f, clinic })}
      />
    </>
  );
}

/** New email and phone: the directory does not list the current ones, so empty keeps them. */
function ContactFields(p: FieldProps) {
  const keep = 'Leave empty to keep the current one.';
  return (
    <>
      <DoctorText {...p} k="email" label="New email (optional)" type="email" description={keep} />
      <DoctorText {...p} k="phone" label="New phone (optional)" type="tel" description={keep} />
    </>
  );
}

/** Saves the changes; errors stay for the form to show next to their fields. */
const useSaveDoctor = (doctor: Doctor, onDone: () => void) =>
  useAction((body: DoctorUpdate) => api<Doctor>(`/doctors/${doctor.id}`, { method: 'PATCH', body }), {
    success: (d) => `${d.name} saved.`,
    invalidate: [['doctors']],
    onSuccess: onDone,
    errors: 'form',
  });

function EditDoctorForm({ doctor, onDone }: { doctor: Doctor; onDone: () => void }) {
  const [f, setF] = useState(() => formOf(doctor));
  const save = useSaveDoctor(doctor, onDone);
  const body = changes(doctor, f);
  const errors = fieldErrors(save.error);
  const general = formError(save.error, FIELDS);
  const p = { f, setF, errors };
  return (
    <EditForm
      onSubmit={() => save.mutate(body)}
      onCancel={onDone}
      error={general}
      saving={save.isPending}
      unchanged={Object.keys(body).length === 0}
      saveLabel="Save doctor"
    >
      <PracticeFields {...p} doctor={doctor} />
      <ContactFields {...p} />
    </EditForm>
  );
}

export function EditDoctor({ doctor, onClose }: { doctor: Doctor | null; onClose: () => void }) {
  return (
    <Modal opened={doctor !== null} onClose={onClose} title={doctor ? `Edit ${doctor.name}` : 'Edit doctor'}>
      {doctor && <EditDoctorForm key={doctor.id} doctor={doctor} onDone={onClose} />}
    </Modal>
  );
}
