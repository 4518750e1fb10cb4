/** The decision log, for auditors: by NIK, rule set, decision and time, newest first; and its hash chain checked (issue 21). */
import { MAY, ROOT_FIELD } from '@tepat/auth';
import { badInput, nikArg } from '@tepat/core';
import { jakartaDays, logChainType, logPage, prismaDatabase, verifyAgainstAnchors } from '@tepat/subgraph-kit';
import { builder } from '../builder.js';
import { findDecisions, type DecisionRecord as DecisionRecordRow } from '../decision-records.js';

const DecisionRecord = builder.objectRef<DecisionRecordRow>('DecisionRecord').implement({
  description: 'One logged decision, as it was answered.',
  fields: (t) => ({
    id: t.exposeString('id', {
      description: 'Position in the log: the row, and for a decision of an eligibilityBatch call, which of its decisions ("812:17", the 17th).',
    }),
    decidedAt: t.exposeString('decidedAt', { description: 'When it was decided (ISO 8601, UTC).' }),
    callerRole: t.exposeString('callerRole', { description: 'The role of the caller.' }),
    callerSubject: t.exposeString('callerSubject', { nullable: true, description: 'Who the caller was, when known.' }),
    nik: t.exposeString('nik', { description: 'The NIK decided on.' }),
    ruleSet: t.exposeString('ruleSet', { description: 'The rule set code.' }),
    ruleSetVersion: t.exposeInt('ruleSetVersion', { description: 'The version used.' }),
    program: t.exposeString('program', { nullable: true, description: 'The programme the question was asked for, if any (RULES.md, Programme context).' }),
    asOf: t.exposeString('asOf', { description: 'The as-of date.' }),
    decision: t.exposeString('decision', { description: 'ELIGIBLE, INELIGIBLE or UNDETERMINED.' }),
    checks: t.field({ type: 'JSON', description: "Each check's code, status, source, reason and evidence.", resolve: (d) => d.checks }),
    receipt: t.exposeString('receipt', {
      nullable: true,
      description: "The receipt the decision was answered with: its row's hash in the decision log chain (an eligibilityBatch call's decisions share their row's).",
    }),
  }),
});

function receiptArg(value: string): string {
  if (!/^[0-9a-f]{64}$/.test(value)) throw badInput('receipt', 'must be the 64 hexadecimal digits a decision was answered with.');
  return value;
}

builder.queryField('decisions', (t) =>
  t.field({
    type: [DecisionRecord],
    description: 'Logged decisions, newest first, filtered by NIK, receipt, rule set, programme, decision and time (inclusive dates, Asia/Jakarta).',
    tag: ROOT_FIELD.PERSONAL,
    authScopes: { roles: MAY.readDecisionLog },
    args: {
      nik: t.arg.string({ description: 'Only this NIK.' }),
      receipt: t.arg.string({ description: 'Only the decision answered with this receipt.' }),
      ruleSet: t.arg.string({ description: 'Only this rule set code.' }),
      program: t.arg.string({ description: 'Only decisions asked for this programme.' }),
      decision: t.arg.string({ description: 'Only ELIGIBLE, INELIGIBLE or UNDETERMINED.' }),
      from: t.arg.string({ description: 'Decided on or after this day, YYYY-MM-DD.' }),
      to: t.arg.string({ description: 'Decided on or before this day, YYYY-MM-DD.' }),
      first: t.arg.int({ required: true, defaultValue: 100, description: 'At most this many (1 to 1000).' }),
    },
    resolve: (_root, args, ctx) => {
      if (args.decision != null && !['ELIGIBLE', 'INELIGIBLE', 'UNDETERMINED'].includes(args.decision)) {
        throw badInput('decision', 'must be ELIGIBLE, INELIGIBLE or UNDETERMINED.');
      }
      const filter = {
        nik: args.nik == null ? undefined : nikArg('nik', args.nik),
        receipt: args.receipt == null ? undefined : receiptArg(args.receipt),
        ruleSet: args.ruleSet ?? undefined,
        program: args.program ?? undefined,
        decision: args.decision ?? undefined,
        decidedAt: jakartaDays(args.from, args.to),
      };
      return findDecisions(ctx.sql, filter, logPage(args.first));
    },
  }),
);

builder.queryField('decisionLogChain', (t) =>
  t.field({
    type: logChainType(builder),
    description: "Checks the decision log's hash chain link by link, its head, and the anchors in the hub's anchors file (tepat audit verify does the same from the command line).",
    tag: ROOT_FIELD.IMPERSONAL,
    authScopes: { roles: MAY.verifyLogChains },
    resolve: (_root, _args, ctx) => verifyAgainstAnchors(prismaDatabase(ctx.prisma), 'decision'),
  }),
);
