/**
 * The answers of `04_fact_eligibility.sql` one per rule set, month and person, with the
 * checks failed by name, in the rule set's order: the table keeps them as bits by check id,
 * one row per person.
 */
import type { Engine } from './engine.js';

export interface EligibilityAnswer {
  rule_set: string;
  period: string;
  nik: string;
  kk: string;
  relationship: string;
  village_code: string;
  /** The checks failed on the month's last day, in the rule set's order; empty means ELIGIBLE. */
  failed: string[];
}

export interface EligibilityFilter {
  ruleSet?: string;
  period?: string;
  /** Only the persons eligible (true) or not (false). */
  eligible?: boolean;
}

export async function eligibilityAnswers(engine: Engine, db: string, filter: EligibilityFilter = {}): Promise<EligibilityAnswer[]> {
  return engine.query<EligibilityAnswer>(
    `SELECT rule_set, period, nik, kk, relationship, village_code, failed
     FROM (
       -- failed_mask[i] is rule set r in month m: i = (r - 1) x months + m.
       SELECT
         intDiv(i - 1, length(a.periods)) + 1 AS r,
         (i - 1) % length(a.periods) + 1 AS m,
         a.rule_sets[r] AS rule_set,
         a.periods[m] AS period,
         e.nik AS nik, e.kk AS kk, e.relationship AS relationship, e.village_code AS village_code,
         arrayFilter((code, id) -> bitTest(e.failed_mask[i], id), a.check_lists[r], a.check_ids[r]) AS failed
       FROM {db:Identifier}.eligibility AS e
       CROSS JOIN {db:Identifier}.eligibility_axis AS a
       ARRAY JOIN arrayEnumerate(e.failed_mask) AS i
     )
     WHERE ({ruleSet:String} = '' OR rule_set = {ruleSet:String})
       AND ({period:String} = '' OR period = {period:String})
       AND ({eligible:Int8} = -1 OR empty(failed) = {eligible:Int8})
     ORDER BY rule_set, period, nik`,
    { db, ruleSet: filter.ruleSet ?? '', period: filter.period ?? '', eligible: filter.eligible === undefined ? -1 : Number(filter.eligible) },
  );
}
