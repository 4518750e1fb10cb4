/** Targeting accuracy and leakage (METRICS.md), for one month or as a monthly trend. */
import { MAY, ROOT_FIELD } from '@tepat/auth';
import type { ShownAccuracy, ShownCategory, ShownLeakage, ShownTrendPoint } from '@tepat/analytics';
import { builder } from '../builder.js';
import { programMonthRegionArgs, SMALL_CELL, SUPPRESSED } from './args.js';

export const TargetingAccuracy = builder.objectRef<ShownAccuracy>('TargetingAccuracy').implement({
  description:
    `How well a programme reached whom its rule set says it should, in one month (METRICS.md). R: units paid that month; E: units eligible on its last day. ${SMALL_CELL}`,
  fields: (t) => ({
    recipients: t.exposeInt('recipients', { nullable: true, description: '|R|: distinct units (NIK or KK) paid.' }),
    eligible: t.exposeInt('eligible', { nullable: true, description: "|E|: units eligible under the programme's rule set on the month's last day." }),
    inclusionErrorRate: t.exposeFloat('inclusionErrorRate', { nullable: true,
      description: '|R \\ E| / |R|: the share of recipients who should not have been paid (0 when nobody was paid).',
    }),
    exclusionErrorRate: t.exposeFloat('exclusionErrorRate', { nullable: true,
      description: '|E \\ R| / |E|: the share of eligible units left out (0 when nobody is eligible).',
    }),
    coverage: t.exposeFloat('coverage', { nullable: true, description: '|R ∩ E| / |E|: the share of eligible units reached (0 when nobody is eligible).' }),
    suppressed: t.exposeBoolean('suppressed', SUPPRESSED),
  }),
});

const LeakageCategory = builder.objectRef<ShownCategory>('LeakageCategory').implement({
  description: 'Payments of one leakage category.',
  fields: (t) => ({
    category: t.exposeString('category', { description: 'GHOST, DECEASED, CIVIL_SERVANT, DUPLICATE or INELIGIBLE.' }),
    rows: t.exposeInt('rows', { nullable: true, description: 'Payments in the category.' }),
    amount: t.exposeFloat('amount', { nullable: true, description: 'Their sum, in rupiah.' }),
    suppressed: t.exposeBoolean('suppressed', SUPPRESSED),
  }),
});

export const Leakage = builder.objectRef<ShownLeakage>('Leakage').implement({
  description:
    `${SMALL_CELL} Money paid where it should not have been, in one month (METRICS.md). Each payment gets the first category that applies: GHOST (NIK not in population), DECEASED (died before the payment), CIVIL_SERVANT (serving on the day), DUPLICATE (not the unit’s first payment of the month), INELIGIBLE (the unit is not eligible).`,
  fields: (t) => ({
    totalAmount: t.exposeFloat('totalAmount', { nullable: true, description: 'All payments, in rupiah.' }),
    leakageAmount: t.exposeFloat('leakageAmount', { nullable: true, description: 'Payments with a category, in rupiah.' }),
    leakageRate: t.exposeFloat('leakageRate', { nullable: true, description: 'leakageAmount / totalAmount (0 when nothing was paid).' }),
    byCategory: t.field({
      type: [LeakageCategory],
      description: 'Every category in priority order, with its payments and amount (zeros included).',
      resolve: (l) => l.byCategory,
    }),
    suppressed: t.exposeBoolean('suppressed', SUPPRESSED),
  }),
});

const TrendPointRef = builder.objectRef<ShownTrendPoint>('TargetingTrendPoint').implement({
  description: 'Targeting accuracy and leakage of one month in a trend.',
  fields: (t) => ({
    period: t.exposeString('period', { description: 'The month, YYYY-MM.' }),
    accuracy: t.field({ type: TargetingAccuracy, description: 'Targeting accuracy that month.', resolve: (p) => p.accuracy }),
    leakage: t.field({ type: Leakage, description: 'Leakage that month.', resolve: (p) => p.leakage }),
  }),
});

builder.queryFields((t) => ({
  targetingAccuracy: t.field({
    type: TargetingAccuracy,
    description: 'Targeting accuracy of a programme in a month (METRICS.md), nationally or in a region.',
    tag: ROOT_FIELD.BUILD_ANSWERED,
    authScopes: { roles: MAY.readAggregates },
    args: {
      ...programMonthRegionArgs(t.arg),
    },
    resolve: async (_root, args, ctx) => (await ctx.analytics.require()).published.targetingAccuracy(args, ctx.minCell),
  }),
  leakage: t.field({
    type: Leakage,
    description: 'Leakage of a programme in a month (METRICS.md), nationally or in a region (of each payment’s unit).',
    tag: ROOT_FIELD.BUILD_ANSWERED,
    authScopes: { roles: MAY.readAggregates },
    args: {
      ...programMonthRegionArgs(t.arg),
    },
    resolve: async (_root, args, ctx) => (await ctx.analytics.require()).published.leakage(args, ctx.minCell),
  }),
  targetingTrend: t.field({
    type: [TrendPointRef],
    description: 'Targeting accuracy and leakage month by month, for every month of the range the analytics build covers.',
    tag: ROOT_FIELD.BUILD_ANSWERED,
    authScopes: { roles: MAY.readAggregates },
    args: {
      program: t.arg.string({ required: true, description: 'Programme code, e.g. PKH.' }),
      from: t.arg.string({ required: true, description: 'First month, YYYY-MM.' }),
      to: t.arg.string({ required: true, description: 'Last month, YYYY-MM, included.' }),
      region: programMonthRegionArgs(t.arg).region,
    },
    resolve: async (_root, args, ctx) => (await ctx.analytics.require()).published.trend(args, ctx.minCell),
  }),
}));
