/**
 * The answers of `04_fact_eligibility.sql` one per programme, month and person, with the
 * checks failed by name, in the rule set's order: the table keeps them as bits by check id,
 * one row per person. Each programme's answers are in its own context (RULES.md,
 * Programme context).
 */
import type { Engine } from './engine.js';

export interface EligibilityAnswer {
  program: string;
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
  program?: string;
  period?: string;
  /** Only the persons eligible (true) or not (false). */
  eligible?: boolean;
}

export async function eligibilityAnswers(engine: Engine, db: string, filter: EligibilityFilter = {}): Promise<EligibilityAnswer[]> {
  return engine.query<EligibilityAnswer>(
    `SELECT program, rule_set, period, nik, kk, relationship, village_code, failed
     FROM (
       -- failed_mask[i] is programme p in month m: i = (p - 1) x months + m.
       SELECT
         intDiv(i - 1, length(a.periods)) + 1 AS p,
         (i - 1) % length(a.periods) + 1 AS m,
         a.programs[p] AS program,
         a.rule_sets[p] AS rule_set,
         a.periods[m] AS period,
         e.nik AS nik, e.kk AS kk, e.relationship AS relationship, e.village_code AS village_code,
         arrayFilter((code, id) -> bitTest(e.failed_mask[i], id), a.check_lists[p], a.check_ids[p]) AS failed
       FROM {db:Identifier}.eligibility AS e
       CROSS JOIN {db:Identifier}.eligibility_axis AS a
       ARRAY JOIN arrayEnumerate(e.failed_mask) AS i
     )
     WHERE ({program:String} = '' OR program = {program:String})
       AND ({period:String} = '' OR period = {period:String})
       AND ({eligible:Int8} = -1 OR empty(failed) = {eligible:Int8})
     ORDER BY program, period, nik`,
    { db, program: filter.program ?? '', period: filter.period ?? '', eligible: filter.eligible === undefined ? -1 : Number(filter.eligible) },
  );
}
