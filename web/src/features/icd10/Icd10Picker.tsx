/** Search the ICD-10-CM FY2026 code list by code prefix or words, and pick one billable code. */
import { useState } from 'react';
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import type { Icd10List } from '../../lib/contracts.ts';

export function Icd10Picker({
  value,
  onChange,
}: {
  value: string | null;
  onChange: (v: string | null) => void;
}) {
  const [search, setSearch] = useState('');
  const [term] = useDebouncedValue(search.trim(), 250);
  const codes = useQuery({
    queryKey: ['icd10', term],
    queryFn: () => api<Icd10List>('/icd10', { query: { q: term, limit: 20 } }),
    enabled: term.length >= 2,
  });
  const data = (codes.data?.items ?? []).map((c) => ({
    value: c.code,
    label: `${c.code} — ${c.description}`,
  }));
  return (
    <Select
      label="Diagnosis (ICD-10-CM)"
      placeholder="Type a code (E11) or words (diabetes)"
      searchable
      clearable
      data={data}
      value={value}
      onChange={onChange}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={term.length >= 2 && !codes.isFetching ? 'No matching code' : 'Keep typing…'}
      required
    />
  );
}
