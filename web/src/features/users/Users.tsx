/** Accounts: create a doctor or admin, unlock after too many failed sign-ins, disable or enable. */
import { useState } from 'react';
import {
  Badge,
  Button,
  Card,
  Group,
  PasswordInput,
  SegmentedControl,
  Select,
  Stack,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import type { AdminUser, AdminUserPage, CreateUserBody, DoctorPage } from '../../lib/contracts.ts';
import { usePagedList } from '../../lib/paging.ts';
import { dateOnly } from '../../lib/time.ts';
import { DataTable, type Column } from '../../lib/table.tsx';
import { Page, QueryView, useAction } from '../../lib/ui.tsx';

interface Option {
  value: string;
  label: string;
}

/** The doctor record an account signs in as, searched by name in the API: any doctor, however many. */
function DoctorRecord({ value, onChange }: { value: string | null; onChange: (id: string | null) => void }) {
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<Option | null>(null);
  // The box shows the chosen doctor: that is no search yet, so offer the first doctors.
  const [term] = useDebouncedValue(chosen && search === chosen.label ? '' : search.trim(), 250);
  const doctors = useQuery({
    queryKey: ['doctors', 'search', term],
    queryFn: () => api<DoctorPage>('/doctors', { query: { q: term || undefined, limit: 50 } }),
    placeholderData: keepPreviousData,
  });
  const found: Option[] = (doctors.data?.items ?? []).map((d) => ({
    value: d.id,
    label: `${d.name} (${d.code}, ${d.specialty})`,
  }));
  // The chosen doctor stays offered when a later search does not find them.
  const data =
    chosen && chosen.value === value && !found.some((o) => o.value === chosen.value)
      ? [chosen, ...found]
      : found;
  return (
    <Select
      label="Doctor record"
      description="The directory entry this account signs in as (add the doctor under Doctors first)."
      searchable
      data={data}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      nothingFoundMessage={doctors.isFetching ? 'Searching…' : 'No doctor by that name'}
      onChange={(id, option) => {
        setChosen(id ? option : null);
        onChange(id);
      }}
    />
  );
}

function CreateUser() {
  const [role, setRole] = useState<'doctor' | 'admin'>('doctor');
  const [doctor, setDoctor] = useState<string | null>(null);
  const [f, setF] = useState({ displayName: '', email: '', password: '' });
  const create = useAction((body: CreateUserBody) => api<AdminUser>('/users', { method: 'POST', body }), {
    success: (u) => `Account created for ${u.displayName}.`,
    invalidate: [['users']],
    onSuccess: () => {
      setF({ displayName: '', email: '', password: '' });
      setDoctor(null);
    },
  });
  return (
    <Card withBorder>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ role, ...f, ...(role === 'doctor' && doctor ? { doctor } : {}) });
        }}
      >
        <Stack>
          <Title order={2} size="h4">
            Create a staff account
          </Title>
          <SegmentedControl
            value={role}
            onChange={(v) => setRole(v)}
            data={[
              { value: 'doctor', label: 'Doctor' },
              { value: 'admin', label: 'Admin' },
            ]}
            aria-label="Role"
            w="fit-content"
          />
          {role === 'doctor' && <DoctorRecord value={doctor} onChange={setDoctor} />}
          <Group grow wrap="wrap">
            <TextInput
              label="Name"
              value={f.displayName}
              onChange={(e) => setF({ ...f, displayName: e.currentTarget.value })}
              required
            />
            <TextInput
              label="Email"
              type="email"
              value={f.email}
              onChange={(e) => setF({ ...f, email: e.currentTarget.value })}
              required
            />
          </Group>
          <PasswordInput
            label="Initial password"
            description="At least 12 characters; they can change it after signing in."
            value={f.password}
            onChange={(e) => setF({ ...f, password: e.currentTarget.value })}
            required
            autoComplete="new-password"
          />
          <Button type="submit" w="fit-content" loading={create.isPending}>
            Create account
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

function UserActions({ u }: { u: AdminUser }) {
  const act = useAction(
    (action: 'unlock' | 'disable' | 'enable') =>
      api<AdminUser>(`/users/${u.id}/${action}`, { method: 'POST' }),
    {
      success: 'Done.',
      invalidate: [['users']],
    },
  );
  return (
    <Group gap="xs" wrap="nowrap">
      {u.lockedUntil && (
        <Button size="xs" variant="light" onClick={() => act.mutate('unlock')}>
          Unlock
        </Button>
      )}
      {u.disabled ? (
        <Button size="xs" variant="light" onClick={() => act.mutate('enable')}>
          Enable
        </Button>
      ) : (
        <Button size="xs" variant="light" color="red" onClick={() => act.mutate('disable')}>
          Disable
        </Button>
      )}
    </Group>
  );
}

const USER_COLUMNS: Column<AdminUser>[] = [
  { header: 'Name', cell: (u) => u.displayName },
  { header: 'Email', cell: (u) => u.email },
  { header: 'Role', cell: (u) => u.role },
  { header: 'Since', cell: (u) => dateOnly(u.createdAt) },
  {
    header: 'State',
    cell: (u) =>
      u.disabled ? (
        <Badge color="gray">disabled</Badge>
      ) : u.lockedUntil ? (
        <Badge color="orange">locked</Badge>
      ) : (
        <Badge color="teal">active</Badge>
      ),
  },
  { header: 'Actions', cell: (u) => <UserActions u={u} /> },
];

export default function Users() {
  const [role, setRole] = useState<string | null>(null);
  const users = usePagedList<AdminUserPage>(['users', role], '/users', { role });
  return (
    <Page title="Users">
      <CreateUser />
      <Select
        label="Show"
        data={[
          { value: 'patient', label: 'Patients' },
          { value: 'doctor', label: 'Doctors' },
          { value: 'admin', label: 'Admins' },
        ]}
        placeholder="Everyone"
        clearable
        value={role}
        onChange={setRole}
        maw={240}
      />
      <QueryView query={users.query} isEmpty={() => users.rows.length === 0} empty="No accounts.">
        {() => (
          <DataTable label="Accounts" minWidth={560} rows={users.rows} columns={USER_COLUMNS} more={users} />
        )}
      </QueryView>
    </Page>
  );
}
