/**
 * `LogChain`, one hash-chained log checked (log-chain.ts), defined once for the services that
 * keep one: eligibility (`decisionLogChain`) and audit (`accessLogChain`). Composed as a
 * `@shareable` value type.
 */
import type { CallerContext, SharedTypesBuilder } from '../builder.js';
import type { ChainBreak, ChainReport } from '../log-chain.js';

export function logChainType<Context extends CallerContext>(builder: SharedTypesBuilder<Context>) {
  const ChainBreakRef = builder.objectRef<ChainBreak>('LogChainBreak').implement({
    description: 'The first row where a log chain breaks.',
    shareable: true,
    fields: (t) => ({
      problem: t.exposeString('problem', {
        description: 'ALTERED (content changed), REMOVED (positions missing), INSERTED (written around the log), RELINKED (does not follow the row before), ANCHOR (disagrees with a published anchor).',
      }),
      id: t.exposeString('id', { nullable: true, description: "The row's id in its log; null when rows at the end are missing." }),
      seq: t.exposeString('seq', { nullable: true, description: 'Its position in the chain.' }),
      message: t.exposeString('message', { description: 'What is wrong, in words.' }),
    }),
  });

  return builder.objectRef<ChainReport>('LogChain').implement({
    description: 'One log checked link by link from its first row, against its head and the published anchors.',
    shareable: true,
    fields: (t) => ({
      log: t.exposeString('log', { description: 'decision or access.' }),
      rows: t.exposeInt('rows', { description: "Rows in the log, each one link of its chain (the decision log's batch rows hold an eligibilityBatch call's decisions each)." }),
      headSeq: t.string({ description: 'The last position in the chain.', resolve: (r) => r.head.seq }),
      headHash: t.string({ description: 'The hash of the last link: a receipt for the whole log so far.', resolve: (r) => r.head.hash }),
      anchorsChecked: t.exposeInt('anchorsChecked', { description: 'How many published anchors the chain was checked against.' }),
      intact: t.boolean({ description: 'True when nothing was altered, inserted or removed.', resolve: (r) => r.broken === null }),
      broken: t.field({ type: ChainBreakRef, nullable: true, description: 'The first break, in chain order; null when intact.', resolve: (r) => r.broken }),
    }),
  });
}
