/** Rate the doctor of a completed visit: 1–5 stars and an optional comment, once per visit. */
import { useState } from 'react';
import { Button, Modal, Rating, Stack, Text, Textarea } from '@mantine/core';
import { api } from '../../lib/api.ts';
import type { Appointment, RateBody } from '../../lib/contracts.ts';
import { useAction } from '../../lib/ui.tsx';

export function RateVisit({ visit, onClose }: { visit: Appointment | null; onClose: () => void }) {
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const rate = useAction((body: RateBody) => api('/ratings', { method: 'POST', body }), {
    success: 'Thank you: your rating is saved.',
    invalidate: [['ratings'], ['appointments']],
    onSuccess: () => {
      setScore(0);
      setComment('');
      onClose();
    },
  });
  return (
    <Modal opened={visit !== null} onClose={onClose} title="Rate your visit">
      {visit && (
        <Stack>
          <Text>
            How was your visit with {visit.doctor.name} ({visit.doctor.specialty})?
          </Text>
          <div role="group" aria-label="Score from 1 to 5 stars">
            <Rating value={score} onChange={setScore} size="lg" />
          </div>
          <Textarea
            label="Comment (optional)"
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            maxLength={2000}
          />
          <Button
            disabled={score === 0}
            loading={rate.isPending}
            onClick={() =>
              rate.mutate({
                appointmentId: visit.id,
                score,
                ...(comment.trim() ? { comment: comment.trim() } : {}),
              })
            }
          >
            Send rating
          </Button>
        </Stack>
      )}
    </Modal>
  );
}
