/**
 * The append-only decision log: every decision is written, in one statement per request,
 * before it is answered, so no answer leaves without its record (the table refuses
 * updates and deletes; see the init migration) and its receipt (the row's link in the
 * log's hash chain).
 */
import type { Caller } from '@tepat/auth';
import type { EligibilityResult } from '@tepat/rules';
import type { PrismaClient } from './db.js';

/**
 * Writes the decisions and returns each one's receipt, in the order given: the hash the
 * database linked its row with (log-chain.ts), which `tepat audit verify` can find again.
 */
export async function recordDecisions(
  prisma: PrismaClient,
  caller: Caller,
  results: readonly EligibilityResult[],
): Promise<string[]> {
  if (results.length === 0) return [];
  // One multi-row insert through unnest: Prisma's createMany is an order of magnitude slower (shared/notes/prisma.md).
  // Rows are inserted in the order given (ORDER BY ord), so their chain positions follow it.
  const linked = await prisma.$queryRaw<{ seq: bigint; hash: string }[]>`
    INSERT INTO decision (caller_role, caller_subject, nik, rule_set, rule_set_version, program, as_of, decision, checks)
    SELECT ${caller.role}, ${caller.subject ?? null}, nik, rule_set, version, program, as_of::date, decision, checks::jsonb
    FROM unnest(${results.map((r) => r.nik)}::text[], ${results.map((r) => r.ruleSet)}::text[],
                ${results.map((r) => r.ruleSetVersion)}::int[], ${results.map((r) => r.program)}::text[],
                ${results.map((r) => r.asOf)}::text[], ${results.map((r) => r.decision)}::text[],
                ${results.map((r) => JSON.stringify(r.checks))}::text[]) WITH ORDINALITY
      AS d(nik, rule_set, version, program, as_of, decision, checks, ord)
    ORDER BY ord
    RETURNING chain_seq AS seq, hash`;
  return linked.sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0)).map((row) => row.hash);
}
