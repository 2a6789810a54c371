import { describe, expect, it } from 'vitest';
import { retryOnConflict } from './retry.ts';

const pgError = (code: string) => Object.assign(new Error('query failed'), { cause: { code } });

describe('retryOnConflict', () => {
  it('runs the work again after a deadlock or serialization failure', async () => {
    for (const code of ['40P01', '40001']) {
      let calls = 0;
      const result = await retryOnConflict(async () => {
        if (++calls < 3) throw pgError(code);
        return 'done';
      });
      expect(result).toBe('done');
      expect(calls).toBe(3);
    }
  });

  it('does not retry other errors, and gives up after the last attempt', async () => {
    let calls = 0;
    await expect(
      retryOnConflict(async () => {
        calls++;
        throw pgError('23P01');
      }),
    ).rejects.toThrow('query failed');
    expect(calls).toBe(1);
    calls = 0;
    await expect(
      retryOnConflict(async () => {
        calls++;
        throw pgError('40P01');
      }, 3),
    ).rejects.toThrow('query failed');
    expect(calls).toBe(3);
  });
});
