/** The aid-history subgraph schema. */
import { MAY, ROOT_FIELD } from '@tepat/auth';
import { FEDERATION_LINK } from '@tepat/subgraph-kit';
import { builder } from '../builder.js';
import './aid-history.js';
import './collection-point.js';
import { Program } from './program.js';

builder.queryType({
  description: 'Aid history: programmes and their disbursements.',
  fields: (t) => ({
    programs: t.field({
      type: [Program],
      description: 'Every aid programme, by code.',
      tag: ROOT_FIELD.IMPERSONAL,
      authScopes: { roles: MAY.readReference },
      resolve: (_root, _args, ctx) => ctx.prisma.program.findMany({ orderBy: { code: 'asc' } }),
    }),
    program: t.field({
      type: Program,
      nullable: true,
      description: 'The programme with this code, or null.',
      tag: ROOT_FIELD.IMPERSONAL,
      authScopes: { roles: MAY.readReference },
      args: { code: t.arg.string({ required: true, description: 'Programme code, e.g. PKH.' }) },
      resolve: (_root, args, ctx) => ctx.loaders.programByCode.load(args.code),
    }),
    latestDisbursementPeriod: t.string({
      nullable: true,
      description: 'The latest month any disbursement is for (YYYY-MM), or null when none is recorded: the month a recipient check shows by default.',
      tag: ROOT_FIELD.IMPERSONAL,
      authScopes: { roles: MAY.readReference },
      resolve: async (_root, _args, ctx) => (await ctx.prisma.disbursement.aggregate({ _max: { period: true } }))._max.period,
    }),
  }),
});

export const schema = builder.toSubGraphSchema(FEDERATION_LINK);
