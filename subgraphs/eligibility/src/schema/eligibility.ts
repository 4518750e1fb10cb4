/**
 * `eligibility` and `eligibilityBatch` (API.md): the facts come through the gateway, the
 * decision from the pure function of @tepat/rules, and every decision is logged first.
 */
import { MAY, ROOT_FIELD } from '@tepat/auth';
import { badInput, dateArg, nikArg, todayInJakarta } from '@tepat/core';
import { eligibilityResultType } from '@tepat/subgraph-kit';
import { evaluateEligibility } from '@tepat/rules';
import pLimit from 'p-limit';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { decisionLogOf } from '../decision-log.js';
import { gatherFacts } from '../facts.js';
import { factsWithinReach, reachOf } from '../reach.js';
import { ruleSetsOf } from '../rule-sets.js';

/** The most NIKs one eligibilityBatch call takes (documented in the README). */
export const MAX_BATCH = 10_000;

const ResultRef = eligibilityResultType(builder);

/**
 * Batches one process decides at once; more wait their turn. A 10,000-NIK batch holds its
 * facts, results and log rows in memory until answered, so the batches in flight set the
 * process's heap, and with it the limit `tepat start` gives it (TEPAT_SERVICE_HEAP_MB);
 * two keep both cores busy, since each batch waits on the gateway and the sources in turn.
 */
export const BATCHES_AT_ONCE = 2;
const batchTurns = pLimit(BATCHES_AT_ONCE);

/**
 * Decides for the NIKs (distinct or not), logs every decision, answers in the order given.
 * `many` (eligibilityBatch) logs them as one batch row, whose receipt each of them carries.
 * A region-bound caller asking about someone domiciled outside its region gets the answer
 * for a NIK population does not know (reach.ts), logged like any other decision.
 */
async function decide(
  ctx: Context,
  niks: string[],
  question: { ruleSet: string; asOf?: string | null; program?: string | null; name?: string | null },
  many = false,
) {
  const asOf = question.asOf == null ? todayInJakarta() : dateArg('asOf', question.asOf);
  const program = question.program ?? null;
  const ruleSet = await ruleSetsOf(ctx.prisma).find(question.ruleSet);
  const distinct = [...new Set(niks)];
  // A programme aid-history confirmed within PROGRAM_KNOWN_MS is not asked about again.
  const confirming = program !== null && !ctx.knownPrograms.has(program);
  const { facts, program: programStatus } = await gatherFacts(ctx.facts, distinct, ruleSet, asOf, confirming ? program : null);
  // aid-history owns programmes; when it cannot say, the checks that read aid are UNKNOWN anyway.
  if (programStatus === 'UNKNOWN') throw badInput('program', `names no known programme ("${program!.slice(0, 40)}"); see programs.`);
  if (confirming && programStatus === 'KNOWN') ctx.knownPrograms.set(program, true);
  const reach = niks.map((nik) => reachOf(ctx.caller, facts.get(nik)!));
  const results = niks.map((nik, i) =>
    evaluateEligibility({ ...factsWithinReach(reach[i]!, facts.get(nik)!), name: question.name, program }, ruleSet, asOf),
  );
  const log = decisionLogOf(ctx.sql);
  if (many && results.length > 0) {
    const receipt = await log.recordBatch(ctx.caller, results);
    return results.map((result) => ({ ...result, receipt }));
  }
  const receipts = await log.record(ctx.caller, results);
  return results.map((result, i) => ({ ...result, receipt: receipts[i] }));
}

const PROGRAM_ARG =
  "The programme the question is asked for, e.g. BANSOS_JEMBRANA: its own disbursements do not count against NO_PRIOR_AID or FAMILY_NOT_RECEIVING (RULES.md, Programme context). An unknown programme is BAD_USER_INPUT.";

builder.queryFields((t) => ({
  eligibility: t.field({
    type: ResultRef,
    description: 'Whether a NIK qualifies under a rule set on a date, explained check by check. A NIK unknown to population fails IDENTITY; so does, for a region-bound caller, the NIK of someone domiciled outside its region.',
    tag: ROOT_FIELD.PERSONAL,
    authScopes: { roles: MAY.checkEligibility },
    args: {
      nik: t.arg.string({ required: true, description: 'A 16-digit NIK.' }),
      name: t.arg.string({ description: 'The name the applicant gave; IDENTITY compares it with population, ignoring case and spacing.' }),
      ruleSet: t.arg.string({ required: true, description: 'A rule set code, e.g. IBAN; its latest version is used.' }),
      asOf: t.arg.string({ description: 'YYYY-MM-DD; today in Asia/Jakarta when absent.' }),
      program: t.arg.string({ description: PROGRAM_ARG }),
    },
    resolve: async (_root, args, ctx) => (await decide(ctx, [nikArg('nik', args.nik)], args))[0]!,
  }),
  eligibilityBatch: t.field({
    type: [ResultRef],
    description: `Eligibility of up to ${MAX_BATCH} NIKs in one call, in the order given; one supergraph query gathers the facts of all.`,
    tag: ROOT_FIELD.PERSONAL,
    authScopes: { roles: MAY.checkEligibility },
    args: {
      niks: t.arg.stringList({ required: true, description: `16-digit NIKs, at most ${MAX_BATCH}.` }),
      ruleSet: t.arg.string({ required: true, description: 'A rule set code; its latest version is used.' }),
      asOf: t.arg.string({ description: 'YYYY-MM-DD; today in Asia/Jakarta when absent.' }),
      program: t.arg.string({ description: PROGRAM_ARG }),
    },
    resolve: (_root, args, ctx) => {
      if (args.niks.length > MAX_BATCH) throw badInput('niks', `holds ${args.niks.length} NIKs; at most ${MAX_BATCH} per call.`);
      const niks = args.niks.map((nik, i) => nikArg(`niks[${i}]`, nik));
      return batchTurns(() => decide(ctx, niks, args, true));
    },
  }),
}));
