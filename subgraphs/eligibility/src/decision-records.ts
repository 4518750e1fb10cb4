/**
 * The decision log as auditors read it (`decisions(...)`): single decisions (table `decision`)
 * and the decisions of batch rows (`decision_batch`, one per eligibilityBatch call) alike,
 * newest first. A batch decision is read as `<row id>:<position>` (1-based) with the batch
 * row's receipt, so every decision has its own id while each batch stays one link of the chain.
 */
import type { EligibilityResult } from '@tepat/rules';
import type { LogDatabase } from '@tepat/subgraph-kit';

export interface DecisionFilter {
  nik?: string;
  receipt?: string;
  ruleSet?: string;
  program?: string;
  decision?: string;
  /** From `jakartaDays`: decided at or after `gte`, before `lt`. */
  decidedAt: { gte?: Date; lt?: Date };
}

export interface DecisionRecord {
  id: string;
  /** ISO 8601, UTC. */
  decidedAt: string;
  callerRole: string;
  callerSubject: string | null;
  nik: string;
  ruleSet: string;
  ruleSetVersion: number;
  program: string | null;
  asOf: string;
  decision: string;
  checks: EligibilityResult['checks'];
  receipt: string | null;
}

/** A decision as the query below returns it: `pos` 0 for a single row, else its position in its batch. */
interface Row {
  id: string;
  pos: number;
  nik: string;
  decision: string;
  checks: EligibilityResult['checks'];
  decided_at: string;
  caller_role: string;
  caller_subject: string | null;
  rule_set: string;
  rule_set_version: number;
  program: string | null;
  as_of: string;
  hash: string | null;
}

const ISO_UTC = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/** The newest `first` decisions matching the filter, from both kinds of rows. */
export async function findDecisions(db: LogDatabase, filter: DecisionFilter, first: number): Promise<DecisionRecord[]> {
  const params: unknown[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  // Conditions on what a row holds once, for a single row and a batch row alike.
  const shared: string[] = [];
  if (filter.receipt != null) shared.push(`hash = ${param(filter.receipt)}`);
  if (filter.ruleSet != null) shared.push(`rule_set = ${param(filter.ruleSet)}`);
  if (filter.program != null) shared.push(`program = ${param(filter.program)}`);
  if (filter.decidedAt.gte) shared.push(`decided_at >= ${param(filter.decidedAt.gte.toISOString())}::timestamptz`);
  if (filter.decidedAt.lt) shared.push(`decided_at < ${param(filter.decidedAt.lt.toISOString())}::timestamptz`);
  const nik = filter.nik == null ? null : param(filter.nik);
  const decision = filter.decision == null ? null : param(filter.decision);
  const limit = param(first);

  const single = [...shared, ...(nik ? [`nik = ${nik}`] : []), ...(decision ? [`decision = ${decision}`] : [])];
  const batch = [...shared, ...(nik ? [`niks @> ARRAY[${nik}]::varchar(16)[]`] : [])];
  // A NIK's entries are found by its positions (entriesOf), so only the decision is left to filter on.
  const entry = decision ? [`e.decision = ${decision}`] : [];
  const where = (conditions: string[]) => (conditions.length ? `WHERE ${conditions.join(' AND ')}` : '');
  const headOf = (t: string) =>
    `to_char(${t}.decided_at AT TIME ZONE 'UTC', ${ISO_UTC}) AS decided_at, ${t}.caller_role, ${t}.caller_subject, ${t}.rule_set,
     ${t}.rule_set_version, ${t}.program, to_char(${t}.as_of, 'YYYY-MM-DD') AS as_of, ${t}.hash`;
  // A batch's decisions: for one NIK, its positions found in the array (array_positions, in C),
  // else every position unnested.
  const entriesOf = (batches: string) =>
    nik
      ? `SELECT b.id, p.pos::int AS pos, b.niks[p.pos]::text AS nik, b.decisions[p.pos] AS decision
         FROM ${batches} b CROSS JOIN LATERAL unnest(array_positions(b.niks, ${nik}::varchar(16))) AS p(pos)`
      : `SELECT b.id, u.pos::int AS pos, u.nik::text AS nik, u.decision
         FROM ${batches} b CROSS JOIN LATERAL unnest(b.niks, b.decisions) WITH ORDINALITY AS u(nik, decision, pos)`;
  // The page's positions are chosen from the NIKs and decisions alone. A batch's checks (one
  // JSON array of all its NIKs', megabytes for a screening's batch, read whole whenever read)
  // are then read once per batch on the page: its positions picked in one JSON path
  // (`$[4, 17, ...]`), materialized so that the pick runs once per batch and not once per
  // entry joined to it; read once per decision, a page of 1,000 took seconds (bench/README.md,
  // section eligibility).
  const rows = await db.query<Row>(
    `WITH single AS (
       SELECT d.id, 0 AS pos, d.nik::text AS nik, d.decision, d.checks, ${headOf('d')} FROM decision d ${where(single)} ORDER BY d.id DESC LIMIT ${limit}
     ), entries AS (
       SELECT e.id, e.pos, e.nik, e.decision FROM (${entriesOf(`(SELECT id, niks, decisions FROM decision_batch ${where(batch)} ORDER BY id DESC)`)}) e
       ${where(entry)}
       ORDER BY e.id DESC, e.pos DESC LIMIT ${limit}
     ), wanted AS (
       SELECT id, array_agg(pos ORDER BY pos) AS positions FROM entries GROUP BY id
     ), picked AS MATERIALIZED (
       SELECT w.id, p.pos::int AS pos, p.checks
       FROM wanted w JOIN decision_batch b ON b.id = w.id
       CROSS JOIN LATERAL unnest(
         w.positions,
         CASE WHEN cardinality(w.positions) = 1 THEN ARRAY[b.checks -> (w.positions[1] - 1)]
              ELSE ARRAY(SELECT jsonb_array_elements(jsonb_path_query_array(b.checks, ('$[' || array_to_string(ARRAY(SELECT q - 1 FROM unnest(w.positions) q), ',') || ']')::jsonpath)))
         END
       ) AS p(pos, checks)
     ), batched AS (
       SELECT e.id, e.pos, e.nik, e.decision, p.checks, ${headOf('b')}
       FROM entries e JOIN picked p ON p.id = e.id AND p.pos = e.pos JOIN decision_batch b ON b.id = e.id
     )
     SELECT id::text, pos, nik, decision, checks, decided_at, caller_role, caller_subject, rule_set, rule_set_version, program, as_of, hash
     FROM (SELECT * FROM single UNION ALL SELECT * FROM batched) d
     ORDER BY d.id DESC, d.pos DESC LIMIT ${limit}`,
    params,
  );
  return rows.map((r) => ({
    id: r.pos === 0 ? r.id : `${r.id}:${r.pos}`,
    decidedAt: r.decided_at,
    callerRole: r.caller_role,
    callerSubject: r.caller_subject,
    nik: r.nik,
    ruleSet: r.rule_set,
    ruleSetVersion: r.rule_set_version,
    program: r.program,
    asOf: r.as_of,
    decision: r.decision,
    checks: r.checks,
    receipt: r.hash,
  }));
}
