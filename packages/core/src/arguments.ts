/** Validation of the arguments every service accepts, raising BAD_USER_INPUT that names the argument. */
import { isIsoDate, isPeriod } from './date.js';
import { badInput } from './errors.js';
import { isSixteenDigits } from './nik.js';

/** A NIK argument: 16 digits, or BAD_USER_INPUT. */
export function nikArg(argument: string, value: string): string {
  if (!isSixteenDigits(value)) throw badInput(argument, 'must be a NIK of exactly 16 digits.');
  return value;
}

/** A KK (family card number) argument: 16 digits, or BAD_USER_INPUT. */
export function kkArg(argument: string, value: string): string {
  if (!isSixteenDigits(value)) throw badInput(argument, 'must be a KK (family card number) of exactly 16 digits.');
  return value;
}

/** A date argument: `YYYY-MM-DD` that exists, or BAD_USER_INPUT. */
export function dateArg(argument: string, value: string): string {
  if (!isIsoDate(value)) throw badInput(argument, `must be a date as YYYY-MM-DD that exists; got "${truncate(value)}".`);
  return value;
}

/** A month argument: `YYYY-MM`, or BAD_USER_INPUT. */
export function periodArg(argument: string, value: string): string {
  if (!isPeriod(value)) throw badInput(argument, `must be a month as YYYY-MM; got "${truncate(value)}".`);
  return value;
}

/** An optional date range: both ends valid dates and `from <= to`. */
export function dateRangeArgs(from: string | null | undefined, to: string | null | undefined) {
  const range = { from: from == null ? undefined : dateArg('from', from), to: to == null ? undefined : dateArg('to', to) };
  if (range.from && range.to && range.from > range.to) throw badInput('from', `must not be after "to" (${range.to}).`);
  return range;
}

// Echo at most a short prefix of what the caller sent: enough to recognise, never a payload.
function truncate(value: string): string {
  return value.length > 32 ? `${value.slice(0, 32)}…` : value;
}
