/** Log queries take whole days as users think of them: Jakarta days (UTC+7, no daylight saving). */
import { dateArg } from '@tepat/core';

/** `{ gte, lt }` for the days from `from` to `to` inclusive; either end may be open. */
export function jakartaDays(from: string | null | undefined, to: string | null | undefined): { gte?: Date; lt?: Date } {
  const start = (day: string) => new Date(`${day}T00:00:00+07:00`);
  return {
    ...(from == null ? {} : { gte: start(dateArg('from', from)) }),
    ...(to == null ? {} : { lt: new Date(start(dateArg('to', to)).getTime() + 86_400_000) }),
  };
}
