/**
 * The append-only decision log: every decision is written, in one statement per request,
 * before it is answered, so no answer leaves without its record (the table refuses
 * updates and deletes; see the init migration).
 */
import type { Caller } from '@tepat/auth';
import type { EligibilityResult } from '@tepat/rules';
import type { PrismaClient } from './db.js';

export async function recordDecisions(
  prisma: PrismaClient,
  caller: Caller,
  results: readonly EligibilityResult[],
): Promise<void> {
  if (results.length === 0) return;
  // One multi-row insert through unnest: Prisma's createMany is an order of magnitude slower (shared/notes/prisma.md).
  await prisma.$executeRaw`
    INSERT INTO decision (caller_role, caller_subject, nik, rule_set, rule_set_version, program, as_of, decision, checks)
    SELECT ${caller.role}, ${caller.subject ?? null}, nik, rule_set, version, program, as_of::date, decision, checks::jsonb
    FROM unnest(${results.map((r) => r.nik)}::text[], ${results.map((r) => r.ruleSet)}::text[],
                ${results.map((r) => r.ruleSetVersion)}::int[], ${results.map((r) => r.program)}::text[],
                ${results.map((r) => r.asOf)}::text[], ${results.map((r) => r.decision)}::text[],
                ${results.map((r) => JSON.stringify(r.checks))}::text[])
      AS d(nik, rule_set, version, program, as_of, decision, checks)`;
}
