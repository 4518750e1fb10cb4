/** `logChains`: the decision and access logs' hash chains checked, for auditors (issue 21; log-chain.ts). */
import { MAY, ROOT_FIELD } from '@tepat/auth';
import { builder } from '../builder.js';
import { readEligibilityEnv } from '../env.js';
import { CHAINED_LOGS, readAnchors, verifyChain, type ChainBreak, type ChainReport } from '../log-chain.js';

const ChainBreakRef = builder.objectRef<ChainBreak>('LogChainBreak').implement({
  description: 'The first row where a log chain breaks.',
  fields: (t) => ({
    problem: t.exposeString('problem', {
      description: 'ALTERED (content changed), REMOVED (positions missing), INSERTED (written around the log), RELINKED (does not follow the row before), ANCHOR (disagrees with a published anchor).',
    }),
    id: t.exposeString('id', { nullable: true, description: "The row's id in its log; null when rows at the end are missing." }),
    seq: t.exposeString('seq', { nullable: true, description: 'Its position in the chain.' }),
    message: t.exposeString('message', { description: 'What is wrong, in words.' }),
  }),
});

const ChainReportRef = builder.objectRef<ChainReport>('LogChain').implement({
  description: 'One log checked link by link from its first row, against its head and the published anchors.',
  fields: (t) => ({
    log: t.exposeString('log', { description: 'decision or access.' }),
    rows: t.exposeInt('rows', { description: 'Rows in the log.' }),
    headSeq: t.string({ description: 'The last position in the chain.', resolve: (r) => r.head.seq }),
    headHash: t.string({ description: 'The hash of the last link: a receipt for the whole log so far.', resolve: (r) => r.head.hash }),
    anchorsChecked: t.exposeInt('anchorsChecked', { description: 'How many published anchors the chain was checked against.' }),
    intact: t.boolean({ description: 'True when nothing was altered, inserted or removed.', resolve: (r) => r.broken === null }),
    broken: t.field({ type: ChainBreakRef, nullable: true, description: 'The first break, in chain order; null when intact.', resolve: (r) => r.broken }),
  }),
});

builder.queryField('logChains', (t) =>
  t.field({
    type: [ChainReportRef],
    description: "Checks the hash chains of the decision log and the access log, and the anchors in the hub's anchors file (tepat audit verify does the same from the command line).",
    tag: ROOT_FIELD.IMPERSONAL,
    authScopes: { roles: MAY.readDecisionLog },
    resolve: async (_root, _args, ctx) => {
      const anchors = readAnchors(readEligibilityEnv().anchorsFile);
      const query = <Row,>(text: string, params: unknown[] = []) => ctx.prisma.$queryRawUnsafe<Row[]>(text, ...params);
      const reports: ChainReport[] = [];
      for (const log of CHAINED_LOGS) reports.push(await verifyChain(query, log, anchors));
      return reports;
    },
  }),
);
