/** Rule sets: listed, read by version, and saved as a new version (RULES.md). */
import { MAY, ROOT_FIELD } from '@tepat/auth';
import { ruleSetInputType } from '@tepat/subgraph-kit';
import { builder } from '../builder.js';
import { ruleSetOfRow, ruleSetsOf } from '../rule-sets.js';

export const RuleSetRef = builder.objectRef<ReturnType<typeof ruleSetOfRow>>('RuleSet').implement({
  description: 'One version of a rule set: the checks a NIK must pass, and their parameters (RULES.md).',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'The rule set, e.g. IBAN, BANYUWANGI, DTKS.' }),
    version: t.exposeInt('version', { description: 'Version, from 1; every change makes a new one.' }),
    name: t.exposeString('name', { description: 'What the rule set is for.' }),
    region: t.exposeString('region', { nullable: true, description: 'Kemendagri code RESIDENT checks against; null for a national rule set.' }),
    checks: t.exposeStringList('checks', { description: 'Check codes in the order they are evaluated (RULES.md).' }),
    decileThreshold: t.exposeInt('decileThreshold', { nullable: true, description: 'WELFARE_DECILE passes at or below this decile.' }),
    familyLookbackDays: t.exposeInt('familyLookbackDays', {
      nullable: true,
      description: 'FAMILY_NOT_RECEIVING looks at disbursements in the last this many days.',
    }),
    createdAt: t.string({ description: 'When this version was saved (ISO 8601, UTC).', resolve: (r) => r.createdAt.toISOString() }),
    createdBy: t.exposeString('createdBy', { description: 'Who saved it.' }),
  }),
});

const RuleSetInput = ruleSetInputType(builder);

builder.queryFields((t) => ({
  ruleSets: t.field({
    type: [RuleSetRef],
    description: 'The latest version of every rule set, by code; or every version of one code, newest first.',
    tag: ROOT_FIELD.IMPERSONAL,
    authScopes: { roles: MAY.readReference },
    args: { code: t.arg.string({ description: 'Only this rule set, all its versions.' }) },
    resolve: async (_root, args, ctx) => {
      const rows = args.code
        ? await ctx.prisma.ruleSet.findMany({ where: { code: args.code }, orderBy: { version: 'desc' } })
        : await ctx.prisma.ruleSet.findMany({ distinct: ['code'], orderBy: [{ code: 'asc' }, { version: 'desc' }] });
      return rows.map(ruleSetOfRow);
    },
  }),
  ruleSet: t.field({
    type: RuleSetRef,
    description: 'One rule set: its latest version, or the version asked for.',
    tag: ROOT_FIELD.IMPERSONAL,
    authScopes: { roles: MAY.readReference },
    args: {
      code: t.arg.string({ required: true, description: 'The rule set code.' }),
      version: t.arg.int({ description: 'A version; the latest when absent.' }),
    },
    resolve: (_root, args, ctx) => ruleSetsOf(ctx.prisma).find(args.code, args.version),
  }),
}));

builder.mutationFields((t) => ({
  saveRuleSet: t.field({
    type: RuleSetRef,
    description: 'Saves a rule set as the next version of its code; older versions stay readable and decisions keep the version they used.',
    tag: ROOT_FIELD.IMPERSONAL,
    authScopes: { roles: MAY.manageRuleSets },
    args: { input: t.arg({ type: RuleSetInput, required: true, description: 'The rule set.' }) },
    resolve: (_root, { input }, ctx) => ruleSetsOf(ctx.prisma).save(input, ctx.regions, ctx.caller.subject ?? ctx.caller.role),
  }),
}));
