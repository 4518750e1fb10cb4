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
    `SELECT answer.1 AS rule_set, answer.2 AS period, nik, kk, relationship, village_code, answer.3 AS failed
     FROM (
       SELECT e.nik AS nik, e.kk AS kk, e.relationship AS relationship, e.village_code AS village_code,
              arrayJoin(arrayMap(
                (mask, i) -> (
                  a.rule_sets[intDiv(i - 1, length(a.periods)) + 1],
                  a.periods[(i - 1) % length(a.periods) + 1],
                  arrayFilter((code, id) -> bitTest(mask, id), a.check_lists[intDiv(i - 1, length(a.periods)) + 1], a.check_ids[intDiv(i - 1, length(a.periods)) + 1])),
                e.failed_mask, arrayEnumerate(e.failed_mask))) AS answer
       FROM {db:Identifier}.eligibility AS e
       CROSS JOIN {db:Identifier}.eligibility_axis AS a
     )
     WHERE ({ruleSet:String} = '' OR rule_set = {ruleSet:String})
       AND ({period:String} = '' OR period = {period:String})
       AND ({eligible:Int8} = -1 OR empty(failed) = {eligible:Int8})
     ORDER BY rule_set, period, nik`,
    { db, ruleSet: filter.ruleSet ?? '', period: filter.period ?? '', eligible: filter.eligible === undefined ? -1 : Number(filter.eligible) },
  );
}
