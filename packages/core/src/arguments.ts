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

/**
 * A free-text argument (a name, a reason, a note): trimmed, not blank, at most `max`
 * characters, one line unless `multiline`; BAD_USER_INPUT naming the argument otherwise.
 */
export function textArg(argument: string, value: string, max: number, options: { multiline?: boolean } = {}): string {
  const text = value.trim();
  if (text === '') throw badInput(argument, 'must not be blank.');
  if (text.length > max) throw badInput(argument, `must be at most ${max} characters; got ${text.length}.`);
  // Control characters have no place in what people type; NUL is refused by PostgreSQL itself.
  const control = options.multiline ? /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/ : /[\u0000-\u001f\u007f]/;
  if (control.test(text)) throw badInput(argument, options.multiline ? 'must not contain control characters.' : 'must be one line without control characters.');
  return text;
}

// Echo at most a short prefix of what the caller sent: enough to recognise, never a payload.
function truncate(value: string): string {
  return value.length > 32 ? `${value.slice(0, 32)}…` : value;
}
