/** Dates as day numbers (days since 1970-01-01) for compact arrays, and their ISO strings. */

const MS_PER_DAY = 86_400_000;
const isoCache = new Map<number, string>();

export function dayOf(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY;
}

/** `YYYY-MM-DD` of a day number; cached, since a data set uses a few tens of thousands of days. */
export function isoOf(day: number): string {
  let iso = isoCache.get(day);
  if (iso === undefined) {
    iso = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    isoCache.set(day, iso);
  }
  return iso;
}

/** The months of a window: `YYYY-MM`, its first day and its last day. */
export interface Month {
  period: string;
  first: number;
  last: number;
}

export function monthsFrom(firstPeriod: string, count: number): Month[] {
  const [year, month] = firstPeriod.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const start = Date.UTC(year, month - 1 + i, 1);
    const end = Date.UTC(year, month + i, 0);
    return { period: new Date(start).toISOString().slice(0, 7), first: start / MS_PER_DAY, last: end / MS_PER_DAY };
  });
}
