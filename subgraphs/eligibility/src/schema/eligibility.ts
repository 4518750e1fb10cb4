/**
 * `eligibility` and `eligibilityBatch` (API.md): the facts come through the gateway, the
 * decision from the pure function of @tepat/rules, and every decision is logged first.
 */
import { MAY } from '@tepat/auth';
import { badInput, dateArg, nikArg, todayInJakarta } from '@tepat/core';
import { forbidden } from '@tepat/subgraph-kit';
import { evaluateEligibility, type EligibilityResult } from '@tepat/rules';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { recordDecisions } from '../decision-log.js';
import { gatherFacts } from '../facts.js';
import { factsWithinReach, reachOf } from '../reach.js';
import { findRuleSet } from '../rule-sets.js';

/** The most NIKs one eligibilityBatch call takes (documented in the README). */
export const MAX_BATCH = 10_000;

const DecisionEnum = builder.enumType('Decision', {
  description: 'RULES.md: INELIGIBLE if any check FAILs, else UNDETERMINED if any is UNKNOWN, else ELIGIBLE.',
  values: {
    ELIGIBLE: { description: 'Every check passed.' },
    INELIGIBLE: { description: 'At least one check failed.' },
    UNDETERMINED: { description: 'No check failed but a source could not answer: never treated as eligible.' },
  } as const,
});

const CheckStatusEnum = builder.enumType('CheckStatus', {
  description: 'The outcome of one check.',
  values: {
    PASS: { description: 'The source answered and the condition holds.' },
    FAIL: { description: 'The source answered and the condition does not hold.' },
    UNKNOWN: { description: 'The source could not answer (down, timed out, error).' },
  } as const,
});

const CheckRef = builder.objectRef<EligibilityResult['checks'][number]>('Check').implement({
  description: 'One check of a rule set, explained.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'The RULES.md check code.' }),
    status: t.field({ type: CheckStatusEnum, description: 'PASS, FAIL or UNKNOWN.', resolve: (c) => c.status }),
    source: t.exposeString('source', { description: 'The subgraph(s) the check rests on, joined with +.' }),
    reason: t.exposeString('reason', { nullable: true, description: 'Why, in words, for FAIL and UNKNOWN.' }),
    evidence: t.field({ type: 'JSON', nullable: true, description: "The facts used; other people's NIKs masked.", resolve: (c) => c.evidence }),
  }),
});

const ResultRef = builder.objectRef<EligibilityResult>('EligibilityResult').implement({
  description: 'The decision on one NIK under one rule set version on one date, check by check.',
  fields: (t) => ({
    nik: t.exposeString('nik', { description: 'The NIK decided on.' }),
    ruleSet: t.exposeString('ruleSet', { description: 'The rule set code.' }),
    ruleSetVersion: t.exposeInt('ruleSetVersion', { description: 'The version of the rule set used.' }),
    program: t.exposeString('program', {
      nullable: true,
      description: "The programme the question was asked for: its own disbursements did not count against NO_PRIOR_AID or FAMILY_NOT_RECEIVING (RULES.md, Programme context). Null when none was named.",
    }),
    asOf: t.exposeString('asOf', { description: 'The date the decision is for, YYYY-MM-DD.' }),
    decision: t.field({ type: DecisionEnum, description: 'ELIGIBLE, INELIGIBLE or UNDETERMINED.', resolve: (r) => r.decision }),
    checks: t.field({
      type: [CheckRef],
      description: 'Every check evaluated, in rule-set order; only IDENTITY when it fails.',
      resolve: (r) => r.checks,
    }),
  }),
});

/**
 * Decides for the NIKs (distinct or not), logs every decision, answers in the order given.
 * A region-bound caller asking about anyone domiciled outside its region gets no answer at
 * all, only which positions of `argument` were refused.
 */
async function decide(
  ctx: Context,
  argument: string,
  niks: string[],
  question: { ruleSet: string; asOf?: string | null; program?: string | null; name?: string | null },
) {
  const asOf = question.asOf == null ? todayInJakarta() : dateArg('asOf', question.asOf);
  const program = question.program ?? null;
  const ruleSet = await findRuleSet(ctx.prisma, question.ruleSet);
  const distinct = [...new Set(niks)];
  const { facts, program: programStatus } = await gatherFacts(ctx.facts, distinct, ruleSet, asOf, program);
  // aid-history owns programmes; when it cannot say, the checks that read aid are UNKNOWN anyway.
  if (programStatus === 'UNKNOWN') throw badInput('program', `names no known programme ("${program!.slice(0, 40)}"); see programs.`);
  const reach = niks.map((nik) => reachOf(ctx.caller, facts.get(nik)!));
  const outside = reach.flatMap((r, i) => (r === 'OUTSIDE' ? [i] : []));
  if (outside.length > 0) {
    const where = niks.length === 1 ? argument : `${argument}[${outside.slice(0, 10).join(', ')}${outside.length > 10 ? ', ...' : ''}]`;
    throw forbidden(ctx.caller, `the eligibility of people domiciled outside its region (${where})`);
  }
  const results = niks.map((nik, i) =>
    evaluateEligibility({ ...factsWithinReach(reach[i]!, facts.get(nik)!), name: question.name, program }, ruleSet, asOf),
  );
  await recordDecisions(ctx.prisma, ctx.caller, results);
  return results;
}

const PROGRAM_ARG =
  "The programme the question is asked for, e.g. BANSOS_JEMBRANA: its own disbursements do not count against NO_PRIOR_AID or FAMILY_NOT_RECEIVING (RULES.md, Programme context). An unknown programme is BAD_USER_INPUT.";

builder.queryFields((t) => ({
  eligibility: t.field({
    type: ResultRef,
    description: 'Whether a NIK qualifies under a rule set on a date, explained check by check. A NIK unknown to population fails IDENTITY.',
    authScopes: { roles: MAY.checkEligibility },
    args: {
      nik: t.arg.string({ required: true, description: 'A 16-digit NIK.' }),
      name: t.arg.string({ description: 'The name the applicant gave; IDENTITY compares it with population, ignoring case and spacing.' }),
      ruleSet: t.arg.string({ required: true, description: 'A rule set code, e.g. IBAN; its latest version is used.' }),
      asOf: t.arg.string({ description: 'YYYY-MM-DD; today in Asia/Jakarta when absent.' }),
      program: t.arg.string({ description: PROGRAM_ARG }),
    },
    resolve: async (_root, args, ctx) => (await decide(ctx, 'nik', [nikArg('nik', args.nik)], args))[0]!,
  }),
  eligibilityBatch: t.field({
    type: [ResultRef],
    description: `Eligibility of up to ${MAX_BATCH} NIKs in one call, in the order given; one supergraph query gathers the facts of all.`,
    authScopes: { roles: MAY.checkEligibility },
    args: {
      niks: t.arg.stringList({ required: true, description: `16-digit NIKs, at most ${MAX_BATCH}.` }),
      ruleSet: t.arg.string({ required: true, description: 'A rule set code; its latest version is used.' }),
      asOf: t.arg.string({ description: 'YYYY-MM-DD; today in Asia/Jakarta when absent.' }),
      program: t.arg.string({ description: PROGRAM_ARG }),
    },
    resolve: (_root, args, ctx) => {
      if (args.niks.length > MAX_BATCH) throw badInput('niks', `holds ${args.niks.length} NIKs; at most ${MAX_BATCH} per call.`);
      return decide(ctx, 'niks', args.niks.map((nik, i) => nikArg(`niks[${i}]`, nik)), args);
    },
  }),
}));
