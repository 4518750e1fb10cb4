/**
 * `tepat audit rederive` (issue 21): every stored decision in a span of days decided again
 * from its own evidence under the rule-set version it names (@tepat/rules `rederive`), and
 * the ones that come out different reported. Read in pages by id, so a log of millions of
 * decisions is never in memory at once.
 */
import { rederive, type CheckCode, type Decision, type EligibilityResult, type RuleSet } from '@tepat/rules';
import type { LogDatabase } from '@tepat/subgraph-kit';

const PAGE = 5_000;
/** How many differing decisions a report lists (all are counted). */
const LISTED = 20;

export interface RederiveReport {
  checked: number;
  differing: number;
  /** The first differing decisions: id, stored decision, and the decision its evidence gives. */
  examples: { id: string; ruleSet: string; ruleSetVersion: number; stored: Decision; again: Decision }[];
}

interface DecisionRow {
  id: string;
  nik: string;
  rule_set: string;
  rule_set_version: number;
  program: string | null;
  as_of: string;
  decision: Decision;
  checks: EligibilityResult['checks'];
}

/** Decides again every decision made on `from` to `to` (Asia/Jakarta days, inclusive; either open), `pageSize` at a time. */
export async function rederiveDecisions(db: LogDatabase, span: { from?: string; to?: string } = {}, pageSize = PAGE): Promise<RederiveReport> {
  const ruleSets = new Map<string, RuleSet>();
  for (const r of await db.query<{ code: string; version: number; name: string; region: string | null; checks: string[]; decile_threshold: number | null; family_lookback_days: number | null }>(
    `SELECT code, version, name, region, checks, decile_threshold, family_lookback_days FROM rule_set`,
  )) {
    ruleSets.set(`${r.code}@${r.version}`, {
      code: r.code,
      version: r.version,
      name: r.name,
      region: r.region,
      checks: r.checks as CheckCode[],
      decileThreshold: r.decile_threshold,
      familyLookbackDays: r.family_lookback_days,
    });
  }
  const report: RederiveReport = { checked: 0, differing: 0, examples: [] };
  for (let after = '0'; ; ) {
    const rows = await db.query<DecisionRow>(
      `SELECT id::text, nik, rule_set, rule_set_version, program, to_char(as_of, 'YYYY-MM-DD') AS as_of, decision, checks
       FROM decision
       WHERE id > $1::bigint
         AND ($2::date IS NULL OR (decided_at AT TIME ZONE 'UTC' + interval '7 hours')::date >= $2::date)
         AND ($3::date IS NULL OR (decided_at AT TIME ZONE 'UTC' + interval '7 hours')::date <= $3::date)
       ORDER BY decision.id LIMIT ${pageSize}`,
      [after, span.from ?? null, span.to ?? null],
    );
    for (const row of rows) {
      report.checked++;
      const ruleSet = ruleSets.get(`${row.rule_set}@${row.rule_set_version}`);
      const stored: EligibilityResult = {
        nik: row.nik,
        ruleSet: row.rule_set,
        ruleSetVersion: row.rule_set_version,
        program: row.program,
        asOf: row.as_of,
        decision: row.decision,
        checks: row.checks,
      };
      // A decision naming a rule-set version the log does not hold cannot be rederived: it differs.
      const again = ruleSet ? rederive(stored, ruleSet) : null;
      if (again?.same) continue;
      report.differing++;
      if (report.examples.length < LISTED) {
        report.examples.push({ id: row.id, ruleSet: row.rule_set, ruleSetVersion: row.rule_set_version, stored: row.decision, again: again?.again.decision ?? row.decision });
      }
    }
    if (rows.length < pageSize) return report;
    after = rows.at(-1)!.id;
  }
}
