/** Family: everyone on one family card (KK), the unit of family programmes such as PKH and BPNT. */
import { inCallerRegion, isRegionBound, MAY, ROOT_FIELD } from '@tepat/auth';
import { kkArg } from '@tepat/core';
import { builder } from '../builder.js';
import type { PersonRow } from '../loaders.js';
import { Person, readableIn } from './person.js';

export const Family = builder.objectRef<{ kk: string }>('Family');

/** Where a family lives: where its head does (or its first member, without a head). */
function homeOf(members: readonly PersonRow[]): PersonRow | undefined {
  return members.find((m) => m.relationship === 'HEAD') ?? members[0];
}

Family.implement({
  description: 'The members of one family card (kartu keluarga) in the civil registry.',
  // Where the family lives matters only to a region-bound caller: others skip the members' read here.
  authScopes: (f, ctx) =>
    isRegionBound(ctx.caller) ? ctx.loaders.membersByKk.load(f.kk).then((members) => readableIn(homeOf(members)?.villageCode ?? null, ctx)) : readableIn(null, ctx),
  fields: (t) => ({
    kk: t.exposeString('kk', { description: 'The 16-digit family card number.' }),
    head: t.field({
      type: Person,
      nullable: true,
      description: 'The head of the family (relationship HEAD); null when the registry records none.',
      resolve: async (f, _args, ctx) => (await ctx.loaders.membersByKk.load(f.kk)).find((m) => m.relationship === 'HEAD') ?? null,
    }),
    members: t.field({
      type: [Person],
      description: 'Every member, in family-card order: head, spouse, children, others; then by date of birth.',
      resolve: (f, _args, ctx) => ctx.loaders.membersByKk.load(f.kk),
    }),
  }),
});

builder.asEntity(Family, {
  key: builder.selection<{ kk: string }>('kk'),
  resolveReference: async (ref, ctx) => ((await ctx.loaders.membersByKk.load(ref.kk)).length > 0 ? { kk: ref.kk } : null),
});

builder.queryField('family', (t) =>
  t.field({
    type: Family,
    nullable: true,
    description:
      'The family with this family card number, or null when no one in the registry is on it; for a region-bound caller, also null when the family lives outside its region, so the two cannot be told apart.',
    tag: ROOT_FIELD.PERSONAL,
    authScopes: { roles: MAY.readRecords },
    args: { kk: t.arg.string({ required: true, description: 'A 16-digit family card number.' }) },
    resolve: async (_root, args, ctx) => {
      const kk = kkArg('kk', args.kk);
      const home = homeOf(await ctx.loaders.membersByKk.load(kk));
      return home && inCallerRegion(ctx.caller, home.villageCode) ? { kk } : null;
    },
  }),
);
