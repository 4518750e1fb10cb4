/**
 * The recipient check's guard against enumeration (API.md, Workflows): after a number of
 * failed names for one NIK in an hour, every answer for that NIK says "not matched" for the
 * hour, without saying why, so names cannot be guessed one after another. Kept in this
 * process's memory: a restart forgets the hour, which costs an attacker a restart they
 * cannot cause.
 */
import { RateLimiterMemory } from 'rate-limiter-flexible';

export interface NameGuard {
  /** Whether the NIK has used up its failed names for the hour. */
  locked(nik: string): Promise<boolean>;
  /** Counts one failed name (or unknown NIK) against the NIK. */
  failed(nik: string): Promise<void>;
}

export function nameGuard(failedPerHour: number): NameGuard {
  const failures = new RateLimiterMemory({ points: failedPerHour, duration: 3600 });
  return {
    async locked(nik) {
      const used = await failures.get(nik);
      return used !== null && used.consumedPoints >= failedPerHour;
    },
    async failed(nik) {
      // Past the limit the limiter refuses to count more; the NIK is locked either way.
      await failures.consume(nik).catch(() => undefined);
    },
  };
}
