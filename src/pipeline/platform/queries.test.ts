/**
 * Paging with a prefetched next page: a failure of that prefetch while the previous page is still being
 * written reaches the consumer as an error, not as an unhandled rejection that would end the process.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { Tx } from '../../server/db/client.ts';
import { pages } from './queries.ts';

/** A transaction whose first query returns a full page and whose second fails 10 ms later. */
function failingSecondPage(): Tx {
  let calls = 0;
  const execute = async () => {
    calls++;
    if (calls === 1) return { rows: [{ page_key: 'a' }, { page_key: 'b' }] };
    await delay(10);
    throw new Error('connection lost');
  };
  return { execute } as unknown as Tx;
}

describe('pages', () => {
  it('hands a failed prefetch to the consumer after its slow write, as an error', async () => {
    const seen: number[] = [];
    const read = async () => {
      for await (const page of pages(failingSecondPage(), 'clinics', '2026-01-05', 2, false)) {
        seen.push(page.length);
        await delay(50); // writing the page: the prefetch fails meanwhile
      }
    };
    await expect(read()).rejects.toThrow('connection lost');
    expect(seen).toEqual([2]);
  });
});
