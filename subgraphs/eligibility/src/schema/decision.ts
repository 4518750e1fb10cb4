/** The decision log, for auditors: by NIK, rule set, decision and time, newest first; and its hash chain checked (issue 21). */
import { MAY, ROOT_FIELD } from '@tepat/auth';
import { badInput, nikArg } from '@tepat/core';
import { jakartaDays, logChainType, logPage, prismaDatabase, verifyAgainstAnchors } from '@tepat/subgraph-kit';
import { builder } from '../builder.js';

type DecisionRow = Awaited<ReturnType<import('../db.js').PrismaClient['decision']['findFirstOrThrow']>>;

const DecisionRecord = builder.objectRef<DecisionRow>('DecisionRecord').implement({
  description: 'One logged decision, as it was answered.',
  fields: (t) => ({
    id: t.string({ description: 'Position in the log.', resolve: (d) => d.id.toString() }),
    decidedAt: t.string({ description: 'When it was decided (ISO 8601, UTC).', resolve: (d) => d.decidedAt.toISOString() }),
    callerRole: t.exposeString('callerRole', { description: 'The role of the caller.' }),
    callerSubject: t.exposeString('callerSubject', { nullable: true, description: 'Who the caller was, when known.' }),
    nik: t.exposeString('nik', { description: 'The NIK decided on.' }),
    ruleSet: t.exposeString('ruleSet', { description: 'The rule set code.' }),
    ruleSetVersion: t.exposeInt('ruleSetVersion', { description: 'The version used.' }),
    program: t.exposeString('program', { nullable: true, description: 'The programme the question was asked for, if any (RULES.md, Programme context).' }),
    asOf: t.string({ description: 'The as-of date.', resolve: (d) => d.asOf.toISOString().slice(0, 10) }),
    decision: t.exposeString('decision', { description: 'ELIGIBLE, INELIGIBLE or UNDETERMINED.' }),
    checks: t.field({ type: 'JSON', description: "Each check's code, status, source, reason and evidence.", resolve: (d) => d.checks }),
    receipt: t.exposeString('hash', {
      nullable: true,
      description: 'The receipt the decision was answered with: its row hash in the decision log chain.',
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
      return ctx.prisma.decision.findMany({
        where: {
          ...(args.nik == null ? {} : { nik: nikArg('nik', args.nik) }),
          ...(args.receipt == null ? {} : { hash: receiptArg(args.receipt) }),
          ...(args.ruleSet == null ? {} : { ruleSet: args.ruleSet }),
          ...(args.program == null ? {} : { program: args.program }),
          ...(args.decision == null ? {} : { decision: args.decision }),
          decidedAt: jakartaDays(args.from, args.to),
        },
        orderBy: { id: 'desc' },
        take: logPage(args.first),
      });
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
