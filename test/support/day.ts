/**
 * The hub dates cases, curation and proposals by Jakarta's calendar (STYLE.md), and tests
 * that compare those dates with their own "today" fail when a run straddles Jakarta's
 * midnight (17:00 UTC): CI's PostgreSQL run of test/curation.test.ts on 2026-12-05 saw the
 * operator's change dated a day after the test's today.
 */
import { todayInJakarta } from '@tepat/core';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Today in Jakarta for a test file that runs for less than `marginMs`: when Jakarta's
 * midnight falls within the margin, waits until it has passed (at most the margin), so the
 * whole file sees one date.
 */
export async function jakartaDayOfTheRun(marginMs = 10 * 60_000): Promise<string> {
  while (todayInJakarta(new Date(Date.now() + marginMs)) !== todayInJakarta()) await sleep(1_000);
  return todayInJakarta();
}
