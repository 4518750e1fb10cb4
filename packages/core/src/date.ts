/**
 * Calendar dates as `YYYY-MM-DD` strings, the form every contract file uses. Checked by hand
 * rather than with date-fns: `isIsoDate` runs on every date field of every imported row, and
 * date-fns's parsing was over twenty times slower (bench/README.md, "Measured choices").
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const PERIOD = /^(\d{4})-(\d{2})$/;

/**
 * True when the value is a `YYYY-MM-DD` date that exists on the calendar. Years start at 1:
 * there is no year 0 in PostgreSQL's dates (issue 16: 0000-01-01 reached it and failed).
 */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** Days in a month of the Gregorian calendar (month 1-12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True when the value is a `YYYY-MM` month, of a year from 1 as dates. */
export function isPeriod(value: string): boolean {
  const m = PERIOD.exec(value);
  return m !== null && Number(m[1]) >= 1 && Number(m[2]) >= 1 && Number(m[2]) <= 12;
}

/**
 * A `YYYY-MM-DD` string as the Date PostgreSQL's `date` columns round-trip through
 * (midnight UTC), so a stored date never shifts by the server's time zone.
 */
export function dateFromIso(value: string): Date {
  return new Date(`${value}T00:00:00.000Z`);
}

/** The `YYYY-MM-DD` of a Date read from a `date` column (midnight UTC). */
export function isoFromDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * en-CA formats as YYYY-MM-DD. One formatter for the process: making one costs about 130 µs
 * of CPU, formatting with it about 2 µs, and an operator's queue page asks for today once per
 * case it shows (whether each is overdue).
 */
const JAKARTA_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' });

/** Today's calendar date in Asia/Jakarta, the default as-of date (STYLE.md: dates are Jakarta dates). */
export function todayInJakarta(now: Date = new Date()): string {
  return JAKARTA_DAY.format(now);
}
