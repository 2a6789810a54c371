/**
 * Pick a clinic by name. The API does the searching, so any clinic can be found however many there are;
 * the clinics in `keep` (e.g. the current one) are always offered, even when not among the results.
 * Options name the neighbourhood too: clinics with the same or similar names are told apart by it.
 */
import { useState } from 'react';
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import type { ClinicPage } from '../../lib/contracts.ts';

export interface ClinicChoice {
  id: string;
  name: string;
  neighbourhood: string;
}

/** How a clinic reads in the picker, e.g. "Centro Clinic — Jardim Camburi". */
export const clinicLabel = (c: ClinicChoice): string => `${c.name} — ${c.neighbourhood}`;

const choiceOf = (c: ClinicChoice): ClinicChoice => ({
  id: c.id,
  name: c.name,
  neighbourhood: c.neighbourhood,
});

/**
 * What to ask the API (which searches names) for: nothing while the box shows the chosen clinic's label
 * (offer the first clinics), its name while only the neighbourhood part of that label is being edited, and
 * otherwise the text as typed (a name may itself contain " — ").
 */
function searchTerm(search: string, value: ClinicChoice | null): string {
  const text = search.trim();
  if (!value) return text;
  if (text === clinicLabel(value)) return '';
  return text.startsWith(`${value.name} — `) ? value.name : text;
}

/** Clinics offered per search; more than this and the admin types more of the name. */
const LIMIT = 50;

function useClinicSearch(term: string) {
  return useQuery({
    queryKey: ['clinics', 'search', term],
    queryFn: () => api<ClinicPage>('/clinics', { query: { q: term || undefined, limit: LIMIT } }),
    // The previous results stay while the next ones load: the list does not flicker while typing.
    placeholderData: keepPreviousData,
  });
}

/** The results, alphabetical as the API lists them, after any kept clinic they do not include. */
function choices(found: readonly ClinicChoice[], kept: readonly ClinicChoice[]): Map<string, ClinicChoice> {
  const out = new Map<string, ClinicChoice>();
  for (const c of kept) if (!found.some((f) => f.id === c.id)) out.set(c.id, choiceOf(c));
  for (const c of found) out.set(c.id, choiceOf(c));
  return out;
}

export function ClinicPicker({
  value,
  onChange,
  keep = [],
  error,
  onClear,
  placeholder,
}: {
  /** null: none chosen yet (or "any clinic" in a filter). */
  value: ClinicChoice | null;
  onChange: (c: ClinicChoice) => void;
  keep?: readonly ClinicChoice[];
  error?: string | undefined;
  /** Given, the choice is optional (a filter): it can be cleared, and nothing chosen means "any". */
  onClear?: () => void;
  placeholder?: string;
}) {
  const [search, setSearch] = useState(value ? clinicLabel(value) : '');
  const typed = searchTerm(search, value);
  const [term] = useDebouncedValue(typed, 250);
  const clinics = useClinicSearch(term);
  const options = choices(clinics.data?.items ?? [], value ? [value, ...keep] : keep);
  return (
    <Select
      label="Clinic"
      required={!onClear}
      clearable={Boolean(onClear)}
      placeholder={placeholder}
      allowDeselect={false}
      searchable
      data={[...options.values()].map((c) => ({ value: c.id, label: clinicLabel(c) }))}
      value={value?.id ?? null}
      error={error}
      searchValue={search}
      onSearchChange={setSearch}
      nothingFoundMessage={clinics.isFetching ? 'Searching…' : 'No clinic by that name'}
      onChange={(id) => {
        const chosen = id ? options.get(id) : undefined;
        if (chosen) onChange(chosen);
        else if (!id) onClear?.();
      }}
    />
  );
}
