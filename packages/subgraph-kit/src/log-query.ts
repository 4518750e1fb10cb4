/** What the decision log and the access log share when read: days as users think of them, and page sizes. */
import { badInput, dateArg } from '@tepat/core';

const FIRST_INSTANT = Date.parse('0001-01-01T00:00:00Z');

/** The most rows one read of a log returns. */
export const MAX_LOG_PAGE = 1000;

/**
 * `{ gte, lt }` for the days from `from` to `to` inclusive, either end open. Days are Jakarta
 * days (UTC+7, no daylight saving).
 */
export function jakartaDays(from: string | null | undefined, to: string | null | undefined): { gte?: Date; lt?: Date } {
  // 0001-01-01 in Jakarta begins in year 0 in UTC, which PostgreSQL's timestamps do not have;
  // nothing was logged that early, so the bound moves to the first instant it takes.
  const start = (day: string) => new Date(Math.max(Date.parse(`${day}T00:00:00+07:00`), FIRST_INSTANT));
  return {
    ...(from == null ? {} : { gte: start(dateArg('from', from)) }),
    ...(to == null ? {} : { lt: new Date(start(dateArg('to', to)).getTime() + 86_400_000) }),
  };
}

/** The `first` argument, checked. */
export function logPage(first: number): number {
  if (first < 1 || first > MAX_LOG_PAGE) throw badInput('first', `must be from 1 to ${MAX_LOG_PAGE}.`);
  return first;
}
