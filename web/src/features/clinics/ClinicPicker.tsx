/**
 * Pick a clinic by name. The API does the searching, so any clinic can be found however many there are;
 * the clinics in `keep` (e.g. the current one) are always offered, even when not among the results.
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
  for (const c of kept) if (!found.some((f) => f.id === c.id)) out.set(c.id, { id: c.id, name: c.name });
  for (const c of found) out.set(c.id, { id: c.id, name: c.name });
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
  const [search, setSearch] = useState(value?.name ?? '');
  // The box shows the chosen clinic's name: that is no search yet, so offer the first clinics.
  const [term] = useDebouncedValue(value && search.trim() === value.name ? '' : search.trim(), 250);
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
      data={[...options.values()].map((c) => ({ value: c.id, label: c.name }))}
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
