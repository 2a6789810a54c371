/** The frame of an edit dialog's form, the same in every dialog: what no field shows, the fields, Cancel, Save. */
import type { ReactNode } from 'react';
import { Alert, Button, Group, Stack } from '@mantine/core';

export interface EditFormProps {
  onSubmit: () => void;
  onCancel: () => void;
  /** The error in words when no field carries it (see formError in forms.ts). */
  error: string | undefined;
  saving: boolean;
  /** Nothing changed yet: Save is disabled. */
  unchanged: boolean;
  saveLabel: string;
  children: ReactNode;
}

export function EditForm(p: EditFormProps) {
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        p.onSubmit();
      }}
    >
      <Stack>
        {p.error && (
          <Alert color="red" role="alert" title="Not saved">
            {p.error}
          </Alert>
        )}
        {p.children}
        <Group justify="flex-end">
          <Button variant="default" onClick={p.onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={p.saving} disabled={p.unchanged}>
            {p.saveLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
