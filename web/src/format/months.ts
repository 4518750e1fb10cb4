/** Months as the API names them (YYYY-MM): the one before, and the one an instant falls in. */

/** The month before YYYY-MM. */
export function monthBefore(period: string): string {
  const [year, month] = period.split('-').map(Number);
  return month === 1 ? `${year! - 1}-12` : `${year}-${String(month! - 1).padStart(2, '0')}`;
}

// en-CA writes a year and month as YYYY-MM; made once, not per call.
const JAKARTA_MONTH = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit' });

/** The month an instant (ISO 8601) falls in, in Asia/Jakarta, as cases are counted (API.md). */
export function jakartaMonth(iso: string): string {
  return JAKARTA_MONTH.format(new Date(iso)).slice(0, 7);
}
