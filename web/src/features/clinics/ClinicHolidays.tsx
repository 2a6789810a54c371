/** Admins: the days a clinic is closed: list, add (date and name), reopen. */
import { useState } from 'react';
import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { holidayBody, holidayList } from '../../../../src/core/contracts/availability.ts';
import { api } from '../../lib/api.ts';
import type { Clinic } from '../../lib/contracts.ts';
import { fieldErrors, formError } from '../../lib/forms.ts';
import { DataTable, type Column } from '../../lib/table.tsx';
import { QueryView, useAction } from '../../lib/ui.tsx';

type HolidayBody = z.infer<typeof holidayBody>;
type Holiday = z.infer<typeof holidayList>['items'][number];

function AddHoliday({ clinic }: { clinic: Clinic }) {
  const [f, setF] = useState({ date: '', name: '' });
  const add = useAction(
    (body: HolidayBody) => api<Holiday>(`/clinics/${clinic.id}/holidays`, { method: 'POST', body }),
    {
      success: (h) => `${clinic.name} is closed on ${h.date} (${h.name}).`,
      invalidate: [['holidays', clinic.id]],
      onSuccess: () => setF({ date: '', name: '' }),
      errors: 'form',
    },
  );
  const errors = fieldErrors(add.error);
  const general = formError(add.error, ['date', 'name']);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate(f);
      }}
    >
      <Stack gap="sm">
        {general && (
          <Alert color="red" role="alert" title="Not added">
            {general}
          </Alert>
        )}
        <Group align="flex-start" grow wrap="wrap">
          <TextInput
            type="date"
            label="Closed on"
            required
            value={f.date}
            error={errors.date}
            onChange={(e) => setF({ ...f, date: e.currentTarget.value })}
          />
          <TextInput
            label="Holiday name"
            required
            value={f.name}
            error={errors.name}
            onChange={(e) => setF({ ...f, name: e.currentTarget.value })}
          />
        </Group>
        <Button type="submit" w="fit-content" loading={add.isPending}>
          Add holiday
        </Button>
      </Stack>
    </form>
  );
}

function HolidayList({ clinic }: { clinic: Clinic }) {
  const holidays = useQuery({
    queryKey: ['holidays', clinic.id],
    queryFn: () => api<{ items: Holiday[] }>(`/clinics/${clinic.id}/holidays`),
  });
  const reopen = useAction(
    (h: Holiday) => api(`/clinics/${clinic.id}/holidays/${h.id}`, { method: 'DELETE' }),
    { success: 'Reopened on that day.', invalidate: [['holidays', clinic.id]] },
  );
  const columns: Column<Holiday>[] = [
    { header: 'Date', cell: (h) => h.date },
    { header: 'Name', cell: (h) => h.name },
    {
      header: 'Actions',
      cell: (h) => (
        <Button
          size="xs"
          variant="light"
          color="red"
          aria-label={`Reopen on ${h.date} (${h.name})`}
          loading={reopen.isPending && reopen.variables.id === h.id}
          onClick={() => reopen.mutate(h)}
        >
          Reopen
        </Button>
      ),
    },
  ];
  return (
    <QueryView
      query={holidays}
      isEmpty={(d) => d.items.length === 0}
      empty="No holidays: open every working day."
    >
      {(d) => (
        <DataTable label={`Holidays of ${clinic.name}`} minWidth={360} rows={d.items} columns={columns} />
      )}
    </QueryView>
  );
}

export function ClinicHolidays({ clinic, onClose }: { clinic: Clinic | null; onClose: () => void }) {
  return (
    <Modal
      opened={clinic !== null}
      onClose={onClose}
      size="lg"
      title={clinic ? `Holidays of ${clinic.name}` : 'Holidays'}
    >
      {clinic && (
        <Stack>
          <Text size="sm" c="dimmed">
            Dates are local days at the clinic ({clinic.timezone}). No free times are offered on these days,
            and the clinic’s channels get a notice on the day.
          </Text>
          <AddHoliday clinic={clinic} />
          <HolidayList clinic={clinic} />
        </Stack>
      )}
    </Modal>
  );
}
