/**
 * Cursor-paged lists (`{ items, nextCursor }`, see src/core/pagination.ts), a page at a time: the one paging
 * mechanism of every list screen, so none silently shows only its first page.
 */
import { useEffect } from 'react';
import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query';
import { api, type Query } from './api.ts';

interface CursorPage {
  items: unknown[];
  nextCursor: string | null;
}

/** Rows per request unless the screen says otherwise (the API allows 1–100). */
const DEFAULT_PAGE = 100;

/** The loaded rows and the way to load more; `query` is for QueryView's loading and error states. */
export function usePagedList<P extends CursorPage>(
  key: QueryKey,
  path: string,
  params: Query = {},
  options: { pageSize?: number; all?: boolean } = {},
) {
  const query = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam }) =>
      api<P>(path, { query: { ...params, limit: options.pageSize ?? DEFAULT_PAGE, cursor: pageParam } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  // `all`: a lookup that must be complete (e.g. which visits are rated), read page after page.
  useEffect(() => {
    if (options.all && hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [options.all, hasNextPage, isFetchingNextPage, fetchNextPage]);
  const rows: P['items'][number][] = query.data?.pages.flatMap((p) => p.items) ?? [];
  return {
    query,
    rows,
    hasMore: hasNextPage,
    loadMore: () => void fetchNextPage(),
    loadingMore: isFetchingNextPage,
  };
}

/** What a "Show more" control needs of a paged list. */
export type MoreRows = Pick<ReturnType<typeof usePagedList>, 'rows' | 'hasMore' | 'loadMore' | 'loadingMore'>;
