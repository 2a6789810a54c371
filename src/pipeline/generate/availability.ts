/**
 * Doctors' weekly working hours: a few realistic patterns, their text form (the `Availability` column, e.g.
 * `Mon-Fri 08:00-12:00 13:00-17:00; Sat 08:00-12:00`), a parser for it, and the slot grid they give. Pure.
 */

/** Minutes since local midnight, `[from, to)`. */
export type Block = readonly [number, number];
/** Blocks per weekday, 0 = Sunday … 6 = Saturday. */
export type WeeklyHours = readonly (readonly Block[])[];

export const WEEKDAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

const h = (hours: number, minutes = 0): number => hours * 60 + minutes;

function week(days: readonly number[], blocks: readonly Block[]): WeeklyHours {
  return WEEKDAY_NAMES.map((_, day) => (days.includes(day) ? blocks : []));
}

const WEEKDAYS = [1, 2, 3, 4, 5];

/** Weekday patterns with how common they are. */
export const PATTERNS: readonly { readonly hours: WeeklyHours; readonly weight: number }[] = [
  {
    hours: week(WEEKDAYS, [
      [h(8), h(12)],
      [h(13), h(17)],
    ]),
    weight: 45,
  },
  { hours: week(WEEKDAYS, [[h(7), h(13)]]), weight: 15 },
  { hours: week(WEEKDAYS, [[h(13), h(19)]]), weight: 15 },
  {
    hours: week(
      [1, 3, 5],
      [
        [h(8), h(12)],
        [h(13), h(18)],
      ],
    ),
    weight: 13,
  },
  {
    hours: week(
      [2, 4],
      [
        [h(7), h(12)],
        [h(13), h(19)],
      ],
    ),
    weight: 12,
  },
];

/** Saturday morning, added for some doctors of clinics that open at weekends. */
export const SATURDAY_MORNING: Block = [h(8), h(12)];

export function withSaturday(hours: WeeklyHours): WeeklyHours {
  return hours.map((blocks, day) => (day === 6 ? [...blocks, SATURDAY_MORNING] : blocks));
}

const pad = (n: number): string => String(n).padStart(2, '0');
const clock = (minute: number): string => `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
const blocksText = (blocks: readonly Block[]): string =>
  blocks.map(([from, to]) => `${clock(from)}-${clock(to)}`).join(' ');

/** Days with the same hours share one group; runs of 3+ consecutive days are written `Mon-Fri`. */
export function formatAvailability(hours: WeeklyHours): string {
  const groups = new Map<string, number[]>();
  for (const day of [1, 2, 3, 4, 5, 6, 0]) {
    const blocks = hours[day] ?? [];
    if (blocks.length === 0) continue;
    const key = blocksText(blocks);
    groups.set(key, [...(groups.get(key) ?? []), day]);
  }
  return [...groups].map(([times, days]) => `${daysText(days)} ${times}`).join('; ');
}

function daysText(days: readonly number[]): string {
  const consecutive = days.every((day, i) => i === 0 || day === (days[i - 1] ?? 0) + 1);
  const names = days.map((day) => WEEKDAY_NAMES[day] ?? '?');
  return consecutive && days.length >= 3 ? `${names[0]}-${names[names.length - 1]}` : names.join(',');
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

function parseClock(text: string): number {
  const match = TIME.exec(text);
  if (!match) throw new SyntaxError(`"${text}" is not a HH:MM time`);
  return Number(match[1]) * 60 + Number(match[2]);
}

function parseDays(text: string): number[] {
  const index = (name: string): number => {
    const day = WEEKDAY_NAMES.indexOf(name as (typeof WEEKDAY_NAMES)[number]);
    if (day < 0) throw new SyntaxError(`"${name}" is not a weekday (Sun … Sat)`);
    return day;
  };
  const range = /^(\w{3})-(\w{3})$/.exec(text);
  if (!range) return text.split(',').map(index);
  const from = index(range[1] ?? '');
  const to = index(range[2] ?? '');
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** The inverse of formatAvailability; throws a SyntaxError naming the bad part. */
export function parseAvailability(text: string): WeeklyHours {
  const days: Block[][] = WEEKDAY_NAMES.map(() => []);
  for (const group of text.split('; ')) {
    const [dayText = '', ...times] = group.split(' ');
    if (times.length === 0) throw new SyntaxError(`"${group}" has no hours`);
    const blocks = times.map((range): Block => {
      const [from = '', to = ''] = range.split('-');
      const block: Block = [parseClock(from), parseClock(to)];
      if (block[1] <= block[0]) throw new SyntaxError(`"${range}" ends before it starts`);
      return block;
    });
    for (const day of parseDays(dayText)) days[day]?.push(...blocks);
  }
  return days;
}

/** Start minutes of the slots a day's blocks hold: a grid from each block's start, whole slots only. */
export function slotStarts(blocks: readonly Block[], slotMinutes: number): number[] {
  const starts: number[] = [];
  for (const [from, to] of blocks) {
    for (let minute = from; minute + slotMinutes <= to; minute += slotMinutes) starts.push(minute);
  }
  return starts;
}

export function weeklySlots(hours: WeeklyHours, slotMinutes: number): number {
  return hours.reduce((sum, blocks) => sum + slotStarts(blocks, slotMinutes).length, 0);
}
