/**
 * API.md's `EligibilityResult`, defined once for every subgraph that answers one: eligibility
 * (decisions asked directly) and intake (the decision an application rests on). Composed as
 * a `@shareable` value type, so both print the same fields and the gateway may take it from
 * either.
 */
import type { EligibilityResult } from '@tepat/rules';
import type { CallerContext, SharedTypesBuilder } from '../builder.js';

/** A decision as the decision log kept it: with its receipt, the hash of its row (eligibility's log-chain.ts). */
export type LoggedEligibilityResult = EligibilityResult & { receipt?: string | null };

export function eligibilityResultType<Context extends CallerContext>(builder: SharedTypesBuilder<Context>) {
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
    shareable: true,
    fields: (t) => ({
      code: t.exposeString('code', { description: 'The RULES.md check code.' }),
      status: t.field({ type: CheckStatusEnum, description: 'PASS, FAIL or UNKNOWN.', resolve: (c) => c.status }),
      source: t.exposeString('source', { description: 'The subgraph(s) the check rests on, joined with +.' }),
      reason: t.exposeString('reason', { nullable: true, description: 'Why, in words, for FAIL and UNKNOWN.' }),
      evidence: t.field({ type: 'JSON', nullable: true, description: "The facts used; other people's NIKs masked.", resolve: (c) => c.evidence }),
    }),
  });

  return builder.objectRef<LoggedEligibilityResult>('EligibilityResult').implement({
    description: 'The decision on one NIK under one rule set version on one date, check by check.',
    shareable: true,
    fields: (t) => ({
      nik: t.exposeString('nik', { description: 'The NIK decided on.' }),
      ruleSet: t.exposeString('ruleSet', { description: 'The rule set code.' }),
      ruleSetVersion: t.exposeInt('ruleSetVersion', { description: 'The version of the rule set used.' }),
      program: t.exposeString('program', {
        nullable: true,
        description:
          'The programme the question was asked for: its own disbursements did not count against NO_PRIOR_AID or FAMILY_NOT_RECEIVING (RULES.md, Programme context). Null when none was named.',
      }),
      asOf: t.exposeString('asOf', { description: 'The date the decision is for, YYYY-MM-DD.' }),
      decision: t.field({ type: DecisionEnum, description: 'ELIGIBLE, INELIGIBLE or UNDETERMINED.', resolve: (r) => r.decision }),
      checks: t.field({
        type: [CheckRef],
        description: 'Every check evaluated, in rule-set order; only IDENTITY when it fails.',
        resolve: (r) => r.checks,
      }),
      receipt: t.string({
        nullable: true,
        description:
          "The decision's row hash in the decision log's hash chain (the decisions of one eligibilityBatch call share their batch row's; decisions(receipt, nik) finds one): keep it, and `tepat audit verify` proves the decision is on record unaltered. Null only for decisions kept before receipts existed.",
        resolve: (r) => r.receipt ?? null,
      }),
    }),
  });
}
