/** The striped, horizontally scrollable table every list screen uses: columns as data, not markup. */
import type { ReactNode } from 'react';
import { Button, Group, Table, Text } from '@mantine/core';
import type { MoreRows } from './paging.ts';

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
}

/**
 * Below a paged list while the API has more: how many rows show and a button for the next page. `what`
 * names the rows ("clinics") for the count and the button's accessible name.
 */
export function ShowMore({
  list,
  what,
  text = 'Show more',
}: {
  list: MoreRows;
  what: string;
  text?: string;
}) {
  if (!list.hasMore) return null;
  return (
    <Group gap="sm" wrap="wrap">
      <Text size="sm" c="dimmed" aria-live="polite">
        Showing {list.rows.length} {what}; there are more.
      </Text>
      <Button
        variant="light"
        w="fit-content"
        aria-label={`${text} ${what}`}
        onClick={list.loadMore}
        loading={list.loadingMore}
      >
        {text}
      </Button>
    </Group>
  );
}

export function DataTable<T extends { id: string }>({
  label,
  rows,
  columns,
  minWidth = 520,
  more,
  moreText,
}: {
  /** The table's accessible name. */
  label: string;
  rows: readonly T[];
  columns: readonly Column<T>[];
  minWidth?: number;
  /** A paged list's state: a "Show more" button below the table while the API has more rows. */
  more?: MoreRows;
  /** The button's text when not "Show more" (e.g. "Show older"). */
  moreText?: string;
}) {
  return (
    <>
      <Table.ScrollContainer minWidth={minWidth}>
        <Table striped aria-label={label}>
          <Table.Thead>
            <Table.Tr>
              {columns.map((c) => (
                <Table.Th key={c.header}>{c.header}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.id}>
                {columns.map((c) => (
                  <Table.Td key={c.header}>{c.cell(row)}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {more && <ShowMore list={more} what={label.toLowerCase()} text={moreText} />}
    </>
  );
}
