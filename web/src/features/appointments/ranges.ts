/** Hours as people type them ("09:00-12:00, 13:00-17:00") and as the API keeps them ({ start, end }[]). */
import type { Availability } from '../../lib/contracts.ts';

export type Ranges = Availability['weekly'][number]['ranges'];

export const showRanges = (ranges: Ranges): string => ranges.map((r) => `${r.start}-${r.end}`).join(', ');

export const parseRanges = (text: string): Ranges =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [start = '', end = ''] = part.split('-').map((s) => s.trim());
      return { start, end };
    });
