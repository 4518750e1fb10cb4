/**
 * The append-only decision log: every decision is written before it is answered, so no
 * answer leaves without its record (the table refuses updates and deletes; see the init
 * migration) and its receipt (the row's link in the log's hash chain).
 *
 * Requests arriving together share one multi-row statement and one commit (the kit's group
 * commit); each still waits until its own rows are committed before it answers.
 */
import type { Caller } from '@tepat/auth';
import type { EligibilityResult } from '@tepat/rules';
import { groupCommit, type Sql } from '@tepat/subgraph-kit';

/** One request's decisions, written together. */
interface Entry {
  caller: Caller;
  results: readonly EligibilityResult[];
}

/**
 * Requests whose rows share one statement at most. A screening's eligibilityBatch is one
 * request of up to 10,000 rows; a group of single checks is bounded by the clients waiting.
 */
const MAX_REQUESTS_PER_WRITE = 64;

export class DecisionLog {
  private readonly groups = groupCommit<Entry, string[]>((entries) => this.insert(entries), { maxPerWrite: MAX_REQUESTS_PER_WRITE });

  /**
   * `sql` is the database without Prisma: Prisma's \$queryRaw kept about 20 MB of heap for
   * every 10,000-row insert it ran (the statement's one JSON parameter), so a screening of
   * 400,000 NIKs ran eligibility out of its 512 MB heap; through PGlite or pg directly the heap
   * stays flat (bench/README.md, eligibility, Memory).
   */
  constructor(private readonly sql: Pick<Sql, 'query'>) {}

  /**
   * Writes the decisions and returns each one's receipt, in the order given: the hash the
   * database linked its row with (log-chain.ts), which `tepat audit verify` can find again.
   */
  record(caller: Caller, results: readonly EligibilityResult[]): Promise<string[]> {
    return results.length === 0 ? Promise.resolve([]) : this.groups.add({ caller, results });
  }

  /**
   * Writes one question's decisions about many NIKs (eligibilityBatch) as one row of the log
   * and returns its receipt, which every decision of the batch answers with: the caller, rule
   * set, programme and date once, the NIKs, decisions and checks side by side, one link of the
   * chain. A screening's 10,000 decisions then cost one link and one row's indexes instead of
   * 10,000 of each (bench/README.md, eligibility). `decisions(...)` reads them as it reads
   * single decisions (decision-records.ts).
   */
  async recordBatch(caller: Caller, results: readonly EligibilityResult[]): Promise<string> {
    const [first] = results;
    if (!first) throw new Error('A batch row needs at least one decision.');
    const mixed = results.find((r) => r.ruleSet !== first.ruleSet || r.ruleSetVersion !== first.ruleSetVersion || r.program !== first.program || r.asOf !== first.asOf);
    if (mixed) throw new Error(`A batch row holds one question; ${mixed.nik} was decided under another rule set, programme or date.`);
    // The arrays go in one JSON document, as the single rows do (insert, below).
    const batch = JSON.stringify({ niks: results.map((r) => r.nik), decisions: results.map((r) => r.decision), checks: results.map((r) => r.checks) });
    const [row] = await this.sql.query<{ hash: string }>(
      `INSERT INTO decision_batch (caller_role, caller_subject, rule_set, rule_set_version, program, as_of, niks, decisions, checks)
       SELECT $1, $2, $3, $4, $5, $6::date,
              ARRAY(SELECT e FROM jsonb_array_elements_text(b->'niks') WITH ORDINALITY AS n(e, i) ORDER BY i),
              ARRAY(SELECT e FROM jsonb_array_elements_text(b->'decisions') WITH ORDINALITY AS d(e, i) ORDER BY i), b->'checks'
       FROM (SELECT $7::jsonb AS b) batch
       RETURNING hash`,
      [caller.role, caller.subject ?? null, first.ruleSet, first.ruleSetVersion, first.program, first.asOf, batch],
    );
    return row!.hash;
  }

  /** One statement for every entry's rows; each entry's receipts, in its own order. */
  private async insert(entries: readonly Entry[]): Promise<string[][]> {
    const rows = entries.flatMap(({ caller, results }) =>
      results.map((r) => ({
        role: caller.role,
        subject: caller.subject ?? null,
        nik: r.nik,
        rule_set: r.ruleSet,
        version: r.ruleSetVersion,
        program: r.program,
        as_of: r.asOf,
        decision: r.decision,
        checks: r.checks,
      })),
    );
    // The rows go as one JSON document, read by jsonb_to_recordset: a text[] per column (and
    // Prisma's createMany even more so) costs more in passing the arrays than the insert itself
    // (bench/README.md, measured choices). Rows are inserted in the order given (ORDER BY
    // ord), so their chain positions follow it.
    const linked = await this.sql.query<{ seq: bigint | string; hash: string }>(
      `INSERT INTO decision (caller_role, caller_subject, nik, rule_set, rule_set_version, program, as_of, decision, checks)
       SELECT role, subject, nik, rule_set, version, program, as_of, decision, checks
       FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (
              role text, subject text, nik text, rule_set text, version int, program text, as_of date, decision text, checks jsonb
            )) WITH ORDINALITY AS d(role, subject, nik, rule_set, version, program, as_of, decision, checks, ord)
       ORDER BY ord
       RETURNING chain_seq AS seq, hash`,
      [JSON.stringify(rows)],
    );
    // chain_seq follows the insert order, so sorted by it the hashes are the rows in order
    // (a bigint from PGlite, its text from pg).
    const ordered = linked.map((row) => ({ seq: BigInt(row.seq), hash: row.hash }));
    const hashes = ordered.sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0)).map((row) => row.hash);
    let next = 0;
    return entries.map(({ results }) => hashes.slice(next, (next += results.length)));
  }
}

const logs = new WeakMap<Pick<Sql, 'query'>, DecisionLog>();

/** The decision log of one database (a process may serve several, as tests do). */
export function decisionLogOf(sql: Pick<Sql, 'query'>): DecisionLog {
  let log = logs.get(sql);
  if (!log) logs.set(sql, (log = new DecisionLog(sql)));
  return log;
}
