/**
 * What the intake service does by itself while it serves, a round every
 * TEPAT_INTAKE_RETRY_SECONDS: pending applications decided again once their sources
 * answer, and objections not decided in time expired (API.md, Workflows).
 */
import { todayInJakarta } from '@tepat/core';
import { decidePending, INTAKE_ACTOR } from './applications.js';
import { CASE_COLUMNS, moveCase, selectCases, type CaseSql } from './cases.js';
import type { IntakeService } from './context.js';

/** Expires the objections whose due day has passed undecided; returns how many. */
export async function expireObjections(sql: CaseSql, service: IntakeService): Promise<number> {
  const late = await selectCases(
    sql,
    `SELECT ${CASE_COLUMNS} FROM intake_case WHERE kind = 'OBJECTION' AND status = 'QUEUED' AND due_on < $1::date LIMIT 500`,
    [todayInJakarta()],
  );
  let expired = 0;
  for (const kase of late) {
    try {
      await moveCase(
        sql,
        null,
        kase,
        { from: ['QUEUED'], to: 'EXPIRED', closes: true, note: `not decided within ${service.env.objectionDueDays} days` },
        INTAKE_ACTOR,
      );
      expired++;
    } catch (error) {
      // Decided meanwhile by an operator: nothing to expire.
      console.error(`Expiring ${kase.receipt} failed: ${(error as Error).message}`);
    }
  }
  return expired;
}

/** Runs a round every `seconds`, one at a time; returns the stop. */
export function runRounds(sql: CaseSql, service: IntakeService, seconds: number): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    Promise.all([decidePending(sql, service), expireObjections(sql, service)])
      .catch((error: Error) => console.error(`The intake round failed: ${error.message}`))
      .finally(() => (running = false));
  }, seconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
