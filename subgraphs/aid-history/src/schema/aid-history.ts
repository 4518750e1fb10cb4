/** Aid history's part of Person and Family: every disbursement paid to a NIK or a family card. */
import { MAY } from '@tepat/auth';
import { badInput, dateRangeArgs, periodArg } from '@tepat/core';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import type { AidFilter } from '../loaders.js';
import { Disbursement } from './program.js';

/** The same filter for a person's and a family's history. */
const filterArgs = builder.args((t) => ({
  program: t.string({ description: 'Only this programme, e.g. PKH.' }),
  period: t.string({ description: 'Only payments for this month, YYYY-MM (the month paid for, not the day paid).' }),
  from: t.string({ description: 'Only disbursed on or after this day, YYYY-MM-DD.' }),
  to: t.string({ description: 'Only disbursed on or before this day, YYYY-MM-DD.' }),
}));

async function readFilter(
  ctx: Context,
  args: { program?: string | null; period?: string | null; from?: string | null; to?: string | null },
): Promise<AidFilter> {
  const range = dateRangeArgs(args.from, args.to);
  const period = args.period == null ? undefined : periodArg('period', args.period);
  if (args.program != null && !(await ctx.loaders.programByCode.load(args.program))) {
    throw badInput('program', `names no known programme ("${args.program.slice(0, 40)}").`);
  }
  return { program: args.program ?? undefined, period, ...range };
}

builder.externalRef('Person', builder.selection<{ nik: string }>('nik')).implement({
  authScopes: { roles: MAY.readRecords },
  fields: (t) => ({
    nik: t.exposeString('nik', { description: 'The 16-digit NIK.' }),
    aidHistory: t.field({
      type: [Disbursement],
      // Nullable so that aid-history being down costs only this field, not the whole answer.
      nullable: true,
      description:
        'Disbursements paid to this NIK, oldest first, optionally of one programme, for one month, and within dates (inclusive); null when aid-history cannot answer.',
      args: filterArgs,
      resolve: async (person, args, ctx) => ctx.loaders.disbursementsBy('nik', await readFilter(ctx, args)).load(person.nik),
    }),
  }),
});

builder.externalRef('Family', builder.selection<{ kk: string }>('kk')).implement({
  authScopes: { roles: MAY.readRecords },
  fields: (t) => ({
    kk: t.exposeString('kk', { description: 'The 16-digit family card number.' }),
    aidHistory: t.field({
      type: [Disbursement],
      nullable: true,
      description:
        'Disbursements the programmes recorded for this family card, oldest first, optionally of one programme, for one month, and within dates (inclusive); null when aid-history cannot answer.',
      args: filterArgs,
      resolve: async (family, args, ctx) => ctx.loaders.disbursementsBy('kk', await readFilter(ctx, args)).load(family.kk),
    }),
  }),
});
