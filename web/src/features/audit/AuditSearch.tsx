/** Admins: search the audit trail by patient, actor, action, outcome and time. */
import { useState } from 'react';
import { Badge, Button, Group, Select, TextInput } from '@mantine/core';
import type { AuditPage } from '../../lib/contracts.ts';
import { usePagedList } from '../../lib/paging.ts';
import { browserZone, dateTimeIn } from '../../lib/time.ts';
import { DataTable, type Column } from '../../lib/table.tsx';
import { Page, QueryView } from '../../lib/ui.tsx';

const zone = browserZone();
const blank = { patient: '', actor: '', action: '', outcome: null as string | null, from: '', to: '' };

const AUDIT_COLUMNS: Column<AuditPage['items'][number]>[] = [
  { header: 'When', cell: (e) => dateTimeIn(e.at, zone) },
  { header: 'Actor', cell: (e) => `${e.actorRole} ${e.actorUserId?.slice(0, 8) ?? ''}` },
  { header: 'Action', cell: (e) => e.action },
  { header: 'Patient', cell: (e) => e.patientId?.slice(0, 8) ?? '' },
  {
    header: 'Outcome',
    cell: (e) => (
      <Badge color={e.outcome === 'allowed' ? 'teal' : 'red'} variant="light">
        {e.outcome}
      </Badge>
    ),
  },
  { header: 'IP', cell: (e) => e.ip ?? '' },
];

export default function AuditSearch() {
  const [draft, setDraft] = useState(blank);
  const [filters, setFilters] = useState(blank);
  const iso = (local: string) => (local ? new Date(local).toISOString() : undefined);
  const list = usePagedList<AuditPage>(['audit', filters], '/audit', {
    patient: filters.patient.trim() || undefined,
    actor: filters.actor.trim() || undefined,
    action: filters.action.trim() || undefined,
    outcome: filters.outcome,
    from: iso(filters.from),
    to: iso(filters.to),
  });
  const text = (k: 'patient' | 'actor' | 'action' | 'from' | 'to') => ({
    value: draft[k],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setDraft({ ...draft, [k]: e.currentTarget.value }),
  });
  return (
    <Page title="Audit search">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setFilters(draft);
        }}
      >
        <Group wrap="wrap" align="flex-end">
          <TextInput label="Patient id" {...text('patient')} />
          <TextInput label="Actor user id" {...text('actor')} />
          <TextInput label="Action" placeholder="record.read" {...text('action')} />
          <Select
            label="Outcome"
            clearable
            data={['allowed', 'denied']}
            value={draft.outcome}
            onChange={(outcome) => setDraft({ ...draft, outcome })}
            maw={160}
          />
          <TextInput type="datetime-local" label={`From (${zone})`} {...text('from')} />
          <TextInput type="datetime-local" label={`To (${zone})`} {...text('to')} />
          <Button type="submit">Search</Button>
        </Group>
      </form>
      <QueryView query={list.query} isEmpty={() => list.rows.length === 0} empty="No events match.">
        {() => (
          <DataTable
            label="Audit events"
            minWidth={720}
            rows={list.rows}
            columns={AUDIT_COLUMNS}
            more={list}
          />
        )}
      </QueryView>
    </Page>
  );
}
