/**
 * The generator's `Availability` text → weekly hours: `Mon-Fri 08:00-12:00 13:00-17:00; Sat 08:00-12:00`,
 * `Tue,Thu 07:00-12:00`.
 * Returns undefined when the text does not follow that form. Pure.
 */
import type { WeeklyHours } from './model.ts';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const RANGE = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$/;

/** `Mon-Fri`, `Sat`, `Tue,Thu` or a mix (`Mon-Wed,Fri`) → ISO weekdays. */
function days(text: string): number[] | undefined {
  const out: number[] = [];
  for (const part of text.split(',')) {
    const [from, to = from] = part.split('-');
    const a = DAYS.indexOf(from ?? '');
    const b = DAYS.indexOf(to ?? '');
    if (a < 0 || b < a) return undefined;
    for (let d = a; d <= b; d++) out.push(d + 1);
  }
  return out;
}

export function parseAvailability(text: string): WeeklyHours[] | undefined {
  const out: WeeklyHours[] = [];
  for (const group of text
    .split(';')
    .map((g) => g.trim())
    .filter(Boolean)) {
    const [dayPart, ...ranges] = group.split(/\s+/);
    const weekdays = days(dayPart ?? '');
    if (!weekdays || ranges.length === 0) return undefined;
    for (const range of ranges) {
      const m = RANGE.exec(range);
      if (!m || `${m[3]}:${m[4]}` <= `${m[1]}:${m[2]}`) return undefined;
      for (const weekday of weekdays)
        out.push({ weekday, startTime: `${m[1]}:${m[2]}`, endTime: `${m[3]}:${m[4]}` });
    }
  }
  return out;
}
