/** The audit subgraph schema: the access log, written by the gateway and read by ADMIN, and its chain checked. */
import { FEDERATION_LINK, logChainType, prismaDatabase, verifyAgainstAnchors } from '@tepat/subgraph-kit';
import { MAY, ROOT_FIELD } from '@tepat/auth';
import { builder } from '../builder.js';
import './access.js';

builder.queryType({ description: 'Audit: the access log and its hash chain.' });
builder.mutationType({ description: 'The access log the gateway writes.' });

builder.queryField('accessLogChain', (t) =>
  t.field({
    type: logChainType(builder),
    description: "Checks the access log's hash chain link by link, its head, and the anchors in the hub's anchors file (tepat audit verify does the same from the command line).",
    tag: ROOT_FIELD.IMPERSONAL,
    authScopes: { roles: MAY.verifyLogChains },
    resolve: (_root, _args, ctx) => verifyAgainstAnchors(prismaDatabase(ctx.prisma), 'access'),
  }),
);

export const schema = builder.toSubGraphSchema(FEDERATION_LINK);
