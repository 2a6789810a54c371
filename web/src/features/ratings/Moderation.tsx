/** Admins: ratings to moderate; hide a comment from the public with a reason, or show it again. */
import { useState } from 'react';
import { Alert, Badge, Button, Group, Modal, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { moderationPage } from '../../../../src/core/contracts/ratings.ts';
import { api } from '../../lib/api.ts';
import type { DoctorPage } from '../../lib/contracts.ts';
import { fieldErrors, formError, useFormAction } from '../../lib/forms.ts';
import { DataTable, type Column } from '../../lib/table.tsx';
import { browserZone, dateTimeIn } from '../../lib/time.ts';
import { Page, QueryView, useAction } from '../../lib/ui.tsx';

type Moderated = z.infer<typeof moderationPage>['items'][number];
type Filter = 'all' | 'true' | 'false';
const zone = browserZone();

function HideForm({ rating, onDone }: { rating: Moderated; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const hide = useFormAction(
    () => api<Moderated>(`/ratings/${rating.id}/hide`, { method: 'POST', body: { reason } }),
    {
      success: () => 'Comment hidden from the public.',
      invalidate: [['ratings', 'moderation']],
      onSuccess: onDone,
    },
  );
  const general = formError(hide.error, ['reason']);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        hide.mutate(undefined);
      }}
    >
      <Stack>
        <Text size="sm">“{rating.comment}”</Text>
        {general && (
          <Alert color="red" role="alert" title="Not hidden">
            {general}
          </Alert>
        )}
        <Textarea
          label="Reason"
          description="Kept with the rating; the score still counts."
          required
          minLength={5}
          maxLength={500}
          value={reason}
          error={fieldErrors(hide.error).reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" color="red" loading={hide.isPending}>
            Hide comment
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function HideComment({ rating, onClose }: { rating: Moderated | null; onClose: () => void }) {
  return (
    <Modal opened={rating !== null} onClose={onClose} title="Hide this comment">
      {rating && <HideForm key={rating.id} rating={rating} onDone={onClose} />}
    </Modal>
  );
}

/** The moderation table's columns; the actions hide a comment (with a reason) or show it again. */
function ratingColumns(a: {
  doctorName: (id: string) => string;
  onHide: (r: Moderated) => void;
  onShow: (r: Moderated) => void;
  showing: (r: Moderated) => boolean;
}): Column<Moderated>[] {
  return [
    { header: 'Given', cell: (r) => dateTimeIn(r.createdAt, zone) },
    { header: 'Doctor', cell: (r) => a.doctorName(r.doctorId) },
    {
      header: 'Score',
      cell: (r) => (
        <span role="img" aria-label={`${String(r.score)} of 5`}>
          {'★'.repeat(r.score)}
        </span>
      ),
    },
    { header: 'Comment', cell: (r) => r.comment ?? <Text c="dimmed">no comment</Text> },
    {
      header: 'Public',
      cell: (r) =>
        r.hidden ? (
          <Stack gap={2}>
            <Badge color="red" variant="light">
              hidden
            </Badge>
            <Text size="xs">{r.hidden.reason}</Text>
          </Stack>
        ) : (
          <Badge color="teal" variant="light">
            shown
          </Badge>
        ),
    },
    {
      header: 'Actions',
      cell: (r) =>
        r.hidden ? (
          <Button size="xs" variant="light" loading={a.showing(r)} onClick={() => a.onShow(r)}>
            Show again
          </Button>
        ) : (
          r.comment && (
            <Button size="xs" variant="light" color="red" onClick={() => a.onHide(r)}>
              Hide comment
            </Button>
          )
        ),
    },
  ];
}

export default function Moderation() {
  const [filter, setFilter] = useState<Filter>('all');
  const [hiding, setHiding] = useState<Moderated | null>(null);
  const ratings = useQuery({
    queryKey: ['ratings', 'moderation', filter],
    queryFn: () =>
      api<z.infer<typeof moderationPage>>('/admin/ratings', {
        query: { limit: 100, hidden: filter === 'all' ? undefined : filter },
      }),
  });
  const doctors = useQuery({
    queryKey: ['doctors', 'all'],
    queryFn: () => api<DoctorPage>('/doctors', { query: { limit: 100 } }),
  });
  const doctorName = new Map((doctors.data?.items ?? []).map((d) => [d.id, d.name]));
  const unhide = useAction((r: Moderated) => api(`/ratings/${r.id}/hide`, { method: 'DELETE' }), {
    success: 'Comment shown again.',
    invalidate: [['ratings', 'moderation']],
  });
  const columns = ratingColumns({
    doctorName: (id) => doctorName.get(id) ?? id.slice(0, 8),
    onHide: setHiding,
    onShow: (r) => unhide.mutate(r),
    showing: (r) => unhide.isPending && unhide.variables.id === r.id,
  });
  return (
    <Page title="Rating moderation">
      <Text size="sm" c="dimmed">
        Newest first; times in {zone}. A hidden comment disappears from the doctor’s public page; its score
        still counts.
      </Text>
      <SegmentedControl
        aria-label="Which ratings"
        w="fit-content"
        value={filter}
        onChange={(v) => setFilter(v)}
        data={[
          { value: 'all', label: 'All' },
          { value: 'false', label: 'Shown' },
          { value: 'true', label: 'Hidden' },
        ]}
      />
      <QueryView query={ratings} isEmpty={(d) => d.items.length === 0} empty="No ratings match.">
        {(d) => <DataTable label="Ratings" minWidth={760} rows={d.items} columns={columns} />}
      </QueryView>
      <HideComment rating={hiding} onClose={() => setHiding(null)} />
    </Page>
  );
}
