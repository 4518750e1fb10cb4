/**
 * `tepat audit rederive` (issue 21): every stored decision in a span of days decided again
 * from its own evidence under the rule-set version it names (@tepat/rules `rederive`), and
 * the ones that come out different reported. Read in pages by id, so a log of millions of
 * decisions is never in memory at once; a batch row's decisions are named `<row id>:<position>`,
 * as `decisions(...)` names them.
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

/** A batch row (decision-log.ts, recordBatch): one question, its NIKs, decisions and checks side by side. */
interface BatchRow {
  id: string;
  rule_set: string;
  rule_set_version: number;
  program: string | null;
  as_of: string;
  niks: string[];
  decisions: Decision[];
  checks: EligibilityResult['checks'][];
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
  const judge = (id: string, stored: EligibilityResult) => {
    report.checked++;
    const ruleSet = ruleSets.get(`${stored.ruleSet}@${stored.ruleSetVersion}`);
    // A decision naming a rule-set version the log does not hold cannot be rederived: it differs.
    const again = ruleSet ? rederive(stored, ruleSet) : null;
    if (again?.same) return;
    report.differing++;
    if (report.examples.length < LISTED) {
      report.examples.push({ id, ruleSet: stored.ruleSet, ruleSetVersion: stored.ruleSetVersion, stored: stored.decision, again: again?.again.decision ?? stored.decision });
    }
  };
  const inSpan = `($2::date IS NULL OR (decided_at AT TIME ZONE 'UTC' + interval '7 hours')::date >= $2::date)
         AND ($3::date IS NULL OR (decided_at AT TIME ZONE 'UTC' + interval '7 hours')::date <= $3::date)`;
  for (let after = '0'; ; ) {
    const rows = await db.query<DecisionRow>(
      `SELECT id::text, nik, rule_set, rule_set_version, program, to_char(as_of, 'YYYY-MM-DD') AS as_of, decision, checks
       FROM decision
       WHERE id > $1::bigint AND ${inSpan}
       ORDER BY decision.id LIMIT ${pageSize}`,
      [after, span.from ?? null, span.to ?? null],
    );
    for (const row of rows) {
      judge(row.id, { nik: row.nik, ruleSet: row.rule_set, ruleSetVersion: row.rule_set_version, program: row.program, asOf: row.as_of, decision: row.decision, checks: row.checks });
    }
    if (rows.length < pageSize) break;
    after = rows.at(-1)!.id;
  }
  // Batch rows one at a time: a screening's holds 10,000 decisions with their evidence.
  for (let after = '0'; ; ) {
    const [batch] = await db.query<BatchRow>(
      `SELECT id::text, rule_set, rule_set_version, program, to_char(as_of, 'YYYY-MM-DD') AS as_of, niks, decisions, checks
       FROM decision_batch
       WHERE id > $1::bigint AND ${inSpan}
       ORDER BY decision_batch.id LIMIT 1`, // the number, not the text the column id is selected as
      [after, span.from ?? null, span.to ?? null],
    );
    if (!batch) return report;
    // One question for the whole batch (recordBatch refuses a batch that mixes them).
    const question = { ruleSet: batch.rule_set, ruleSetVersion: batch.rule_set_version, program: batch.program, asOf: batch.as_of };
    batch.niks.forEach((nik, i) => {
      judge(`${batch.id}:${i + 1}`, { nik, ...question, decision: batch.decisions[i]!, checks: batch.checks[i]! });
    });
    after = batch.id;
  }
}
