/** Dates and times shown in the clinic's zone, always with the zone named. */

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${zone}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone: zone, ...options });
    cache.set(key, f);
  }
  return f;
}

/** e.g. "Mon 3 Dec 2026, 09:30 (America/Sao_Paulo)". */
export const dateTimeIn = (iso: string, zone: string): string =>
  `${formatter(zone, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(iso))} (${zone})`;

export const timeIn = (iso: string, zone: string): string =>
  formatter(zone, { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

export const dayIn = (iso: string, zone: string): string =>
  formatter(zone, { weekday: 'long', day: 'numeric', month: 'long' }).format(new Date(iso));

/** The local calendar date (YYYY-MM-DD) of an instant in a zone. */
export const localDate = (iso: string | Date, zone: string): string => {
  const parts = formatter(zone, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(
    typeof iso === 'string' ? new Date(iso) : iso,
  );
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
};

/** Dates without a clinic (the browser's zone), e.g. when a record was written. */
export const dateOnly = (iso: string): string =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(iso));

export const browserZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;
