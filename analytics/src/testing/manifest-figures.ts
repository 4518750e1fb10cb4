/**
 * A manifest month (packages/generator) as the columns of a `targeting` row
 * (07_metric_targeting.sql), so tests and benches compare a build with what was planted.
 */
import { LEAKAGE_CATEGORIES, type ProgramMonth } from '@tepat/generator';

export function manifestFigures(m: ProgramMonth): Record<string, number> {
  return {
    payments: m.rows,
    amount: m.amount,
    recipients: m.recipients,
    eligible: m.eligible,
    recipients_eligible: m.recipientsEligible,
    ...Object.fromEntries(
      LEAKAGE_CATEGORIES.flatMap((c) => [
        [`${c.toLowerCase()}_payments`, m.byCategory[c].rows],
        [`${c.toLowerCase()}_amount`, m.byCategory[c].amount],
      ]),
    ),
  };
}
