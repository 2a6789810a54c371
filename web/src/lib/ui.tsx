/** Loading, empty and error states shared by every screen, and a mutation helper that reports in words. */
import type { ReactNode } from 'react';
import { Alert, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient, type QueryKey, type UseQueryResult } from '@tanstack/react-query';
import { errorText } from './api.ts';

export function ErrorNote({ error, title = 'That did not work' }: { error: unknown; title?: string }) {
  return (
    <Alert color="red" title={title} role="alert">
      {errorText(error)}
    </Alert>
  );
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <Center py="lg" role="status" aria-live="polite">
      <Loader size="sm" aria-hidden />
      <Text ml="sm" c="dimmed">
        {label}
      </Text>
    </Center>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return (
    <Text c="dimmed" py="md" ta="center">
      {children}
    </Text>
  );
}

/** Renders a query's loading and error states, else its data (with `empty` when `isEmpty(data)`). */
export function QueryView<T>({
  query,
  children,
  isEmpty,
  empty,
  label,
}: {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  label?: string;
}) {
  if (query.isPending) return <Loading {...(label ? { label } : {})} />;
  if (query.isError) return <ErrorNote error={query.error} title="Could not load this" />;
  if (isEmpty?.(query.data)) return <Empty>{empty ?? 'Nothing here yet.'}</Empty>;
  return <>{children(query.data)}</>;
}

export function Page({
  title,
  children,
  actions,
}: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={1} size="h2">
          {title}
        </Title>
        {actions}
      </Stack>
      {children}
    </Stack>
  );
}

/**
 * A mutation that invalidates `invalidate` on success and notifies `success`. Failures go to a toast, or,
 * with `errors: 'form'`, stay on the mutation for the form to show next to its fields (a toast vanishes).
 */
export function useAction<V, R = unknown>(
  fn: (vars: V) => Promise<R>,
  options: {
    success?: string | ((r: R) => string);
    invalidate?: QueryKey[];
    onSuccess?: (r: R) => void;
    errors?: 'toast' | 'form';
  } = {},
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (result) => {
      for (const key of options.invalidate ?? []) await client.invalidateQueries({ queryKey: key });
      const message = typeof options.success === 'function' ? options.success(result) : options.success;
      if (message) notifications.show({ color: 'teal', message });
      options.onSuccess?.(result);
    },
    onError: (err) => {
      if (options.errors !== 'form')
        notifications.show({ color: 'red', title: 'That did not work', message: errorText(err) });
    },
  });
}
