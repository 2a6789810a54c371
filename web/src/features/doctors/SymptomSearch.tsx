/** "I have chest pain, near Centro": red flags first, likely specialties, then ranked doctors. */
import { useState } from 'react';
import { Alert, Badge, Button, Group, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { DiscoverAnswer } from '../../../../src/core/contracts/discovery.ts';
import { api } from '../../lib/api.ts';
import { QueryView } from '../../lib/ui.tsx';
import { DoctorCard, type ListedDoctor } from './DoctorCard.tsx';

export function SymptomSearch({ onChoose }: { onChoose: (d: ListedDoctor) => void }) {
  const [draft, setDraft] = useState({ symptoms: '', near: '' });
  const [asked, setAsked] = useState<typeof draft | null>(null);
  const answer = useQuery({
    queryKey: ['discover', asked],
    queryFn: () =>
      api<DiscoverAnswer>('/discover', {
        query: { symptoms: asked!.symptoms, near: asked!.near || undefined, limit: 9 },
      }),
    enabled: asked !== null,
  });
  return (
    <Stack>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setAsked({ symptoms: draft.symptoms.trim(), near: draft.near.trim() });
        }}
      >
        <Stack>
          <Textarea
            label="What do you feel?"
            placeholder="e.g. chest pain when climbing stairs"
            value={draft.symptoms}
            onChange={(e) => setDraft({ ...draft, symptoms: e.currentTarget.value })}
            required
            minLength={2}
          />
          <Group align="flex-end" wrap="wrap">
            <TextInput
              label="Near (neighbourhood, optional)"
              placeholder="e.g. Centro"
              value={draft.near}
              onChange={(e) => setDraft({ ...draft, near: e.currentTarget.value })}
            />
            <Button type="submit" disabled={draft.symptoms.trim().length < 2}>
              Find doctors
            </Button>
          </Group>
        </Stack>
      </form>
      {asked && (
        <QueryView query={answer}>
          {(a) => (
            <Stack>
              {a.urgent && (
                <Alert color="red" title={a.urgent.title} role="alert">
                  {a.urgent.advice}
                </Alert>
              )}
              <Group gap="xs">
                <Text size="sm">Likely specialties:</Text>
                {a.specialties.map((s) => (
                  <Badge key={s.specialty} variant="light">
                    {s.specialty} {Math.round(s.confidence * 100)}%
                  </Badge>
                ))}
              </Group>
              {a.doctors.length === 0 ? (
                <Text c="dimmed">No doctor found for these symptoms nearby.</Text>
              ) : (
                <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
                  {a.doctors.map((d) => (
                    <DoctorCard
                      key={d.id}
                      doctor={d}
                      onChoose={() => onChoose(d)}
                      extra={
                        d.distanceKm !== null && (
                          <Text size="sm" c="dimmed">
                            {d.distanceKm.toFixed(1)} km away
                          </Text>
                        )
                      }
                    />
                  ))}
                </SimpleGrid>
              )}
            </Stack>
          )}
        </QueryView>
      )}
    </Stack>
  );
}
