/**
 * Benefit incidence by DTKS welfare decile, the measure targeting research reports
 * (Coady, Grosh and Hoddinott 2004): where a programme's money lands on the welfare ladder.
 */
import { MAY, ROOT_FIELD } from '@tepat/auth';
import type { ShownDecile, ShownIncidence } from '@tepat/analytics';
import { builder } from '../builder.js';
import { programMonthRegionArgs, SMALL_CELL, SUPPRESSED } from './args.js';

const DecileShare = builder.objectRef<ShownDecile>('DecileShare').implement({
  description: 'The money reaching units of one DTKS welfare decile.',
  fields: (t) => ({
    decile: t.exposeInt('decile', { nullable: true, description: '1 = the poorest tenth, 10 = the richest; null for units with no DTKS record.' }),
    units: t.exposeInt('units', { nullable: true, description: 'Units paid (NIK or KK).' }),
    amount: t.exposeFloat('amount', { nullable: true, description: 'Rupiah paid to them.' }),
    share: t.exposeFloat('share', { nullable: true, description: "amount / the programme's total: with perfect targeting of the poorest 40 %, deciles 1-4 share 1." }),
    suppressed: t.exposeBoolean('suppressed', SUPPRESSED),
  }),
});

export const BenefitIncidence = builder.objectRef<ShownIncidence>('BenefitIncidence').implement({
  description:
    `Where a programme's money went by welfare decile. A PERSON programme's unit takes its own DTKS decile; a FAMILY programme's unit its head's. ${SMALL_CELL}`,
  fields: (t) => ({
    totalAmount: t.exposeFloat('totalAmount', { nullable: true, description: 'All payments, in rupiah.' }),
    deciles: t.field({ type: [DecileShare], description: 'Deciles 1 to 10, then units without a DTKS record.', resolve: (i) => i.deciles }),
    poorest40Share: t.exposeFloat('poorest40Share', { nullable: true, description: 'The share of the money reaching deciles 1-4.' }),
    coadyGroshHoddinott: t.exposeFloat('coadyGroshHoddinott', { nullable: true,
      description:
        'The CGH indicator: poorest40Share / 0.4. 1 means the poorest 40 % got what a lottery would give them; 2 means twice that; below 1 the programme is regressive. Peer programmes’ median is about 1.25.',
    }),
    suppressed: t.exposeBoolean('suppressed', SUPPRESSED),
  }),
});

builder.queryFields((t) => ({
  benefitIncidence: t.field({
    type: BenefitIncidence,
    description: 'Benefit incidence of a programme in a month by DTKS welfare decile, nationally or in a region.',
    tag: ROOT_FIELD.BUILD_ANSWERED,
    authScopes: { roles: MAY.readAggregates },
    args: {
      ...programMonthRegionArgs(t.arg),
    },
    resolve: async (_root, args, ctx) => (await ctx.analytics.require()).published.benefitIncidence(args, ctx.minCell),
  }),
}));
