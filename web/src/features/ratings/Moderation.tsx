/** Admins: ratings to moderate; hide a comment from the public with a reason, or show it again. */
import { useState } from 'react';
import { Alert, Badge, Button, Group, Modal, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import type { z } from 'zod';
import type { moderationPage } from '../../../../src/core/contracts/ratings.ts';
import { api } from '../../lib/api.ts';
import { fieldErrors, formError } from '../../lib/forms.ts';
import { usePagedList } from '../../lib/paging.ts';
import { DataTable, type Column } from '../../lib/table.tsx';
import { browserZone, dateTimeIn } from '../../lib/time.ts';
import { Page, QueryView, useAction } from '../../lib/ui.tsx';

type ModerationPage = z.infer<typeof moderationPage>;
type Moderated = ModerationPage['items'][number];
type Filter = 'all' | 'true' | 'false';
const zone = browserZone();
/** Ratings per request; older ones load on demand. */
const PAGE = 50;

function HideForm({ rating, onDone }: { rating: Moderated; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const hide = useAction(
    () => api<Moderated>(`/ratings/${rating.id}/hide`, { method: 'POST', body: { reason } }),
    {
      success: () => 'Comment hidden from the public.',
      invalidate: [['ratings', 'moderation']],
      onSuccess: onDone,
      errors: 'form',
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

/** Stars for a score, read out as "n of 5". */
const Stars = ({ score }: { score: number }) => (
  <span role="img" aria-label={`${String(score)} of 5`}>
    {'★'.repeat(score)}
  </span>
);

function PublicState({ r }: { r: Moderated }) {
  return r.hidden ? (
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
  );
}

interface RowActions {
  onHide: (r: Moderated) => void;
  onShow: (r: Moderated) => void;
  showing: (r: Moderated) => boolean;
}

function RatingActions({ r, a }: { r: Moderated; a: RowActions }) {
  if (r.hidden)
    return (
      <Button size="xs" variant="light" loading={a.showing(r)} onClick={() => a.onShow(r)}>
        Show again
      </Button>
    );
  return (
    r.comment && (
      <Button size="xs" variant="light" color="red" onClick={() => a.onHide(r)}>
        Hide comment
      </Button>
    )
  );
}

/** The moderation table's columns; the actions hide a comment (with a reason) or show it again. */
function ratingColumns(a: RowActions): Column<Moderated>[] {
  return [
    { header: 'Given', cell: (r) => dateTimeIn(r.createdAt, zone) },
    { header: 'Doctor', cell: (r) => r.doctorName },
    { header: 'Score', cell: (r) => <Stars score={r.score} /> },
    { header: 'Comment', cell: (r) => r.comment ?? <Text c="dimmed">no comment</Text> },
    { header: 'Public', cell: (r) => <PublicState r={r} /> },
    { header: 'Actions', cell: (r) => <RatingActions r={r} a={a} /> },
  ];
}

/** The ratings to moderate, a page at a time (newest first). */
function useModerationPages(filter: Filter) {
  return usePagedList<ModerationPage>(
    ['ratings', 'moderation', filter],
    '/admin/ratings',
    { hidden: filter === 'all' ? undefined : filter },
    { pageSize: PAGE },
  );
}

function Filters({ filter, onChange }: { filter: Filter; onChange: (f: Filter) => void }) {
  return (
    <SegmentedControl
      aria-label="Which ratings"
      w="fit-content"
      value={filter}
      onChange={(v) => onChange(v)}
      data={[
        { value: 'all', label: 'All' },
        { value: 'false', label: 'Shown' },
        { value: 'true', label: 'Hidden' },
      ]}
    />
  );
}

export default function Moderation() {
  const [filter, setFilter] = useState<Filter>('all');
  const [hiding, setHiding] = useState<Moderated | null>(null);
  const ratings = useModerationPages(filter);
  const rows = ratings.rows;
  const unhide = useAction((r: Moderated) => api(`/ratings/${r.id}/hide`, { method: 'DELETE' }), {
    success: 'Comment shown again.',
    invalidate: [['ratings', 'moderation']],
  });
  const columns = ratingColumns({
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
      <Filters filter={filter} onChange={setFilter} />
      <QueryView query={ratings.query} isEmpty={() => rows.length === 0} empty="No ratings match.">
        {() => (
          <DataTable
            label="Ratings"
            minWidth={760}
            rows={rows}
            columns={columns}
            more={ratings}
            moreText="Show older"
          />
        )}
      </QueryView>
      <HideComment rating={hiding} onClose={() => setHiding(null)} />
    </Page>
  );
}
