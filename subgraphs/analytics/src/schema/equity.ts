/** Regional equity (METRICS.md): how evenly a programme covers the eligible across regions. */
import { MAY, ROOT_FIELD } from '@tepat/auth';
import type { ShownRegionalEquity, ShownRegionEquity } from '@tepat/analytics';
import { builder } from '../builder.js';
import { SMALL_CELL, SUPPRESSED } from './args.js';

export const RegionLevel = builder.enumType('RegionLevel', {
  description: 'A level of Kemendagri regions.',
  values: {
    PROVINCE: { description: 'Province, e.g. 51 (Bali).' },
    REGENCY: { description: 'Regency or city, e.g. 51.01 (Jembrana).' },
    DISTRICT: { description: 'District (kecamatan), e.g. 51.01.01.' },
  } as const,
});

const RegionEquity = builder.objectRef<ShownRegionEquity>('RegionEquity').implement({
  description: `One region's share of a programme in a month. ${SMALL_CELL}`,
  fields: (t) => ({
    region: t.exposeString('region', { description: 'Kemendagri code.' }),
    name: t.exposeString('name', { description: 'Name, from idn-area-data.' }),
    eligible: t.exposeInt('eligible', { nullable: true, description: 'Eligible units in the region.' }),
    recipients: t.exposeInt('recipients', { nullable: true, description: 'Units paid in the region.' }),
    amount: t.exposeFloat('amount', { nullable: true, description: 'Rupiah paid to units of the region.' }),
    coverage: t.exposeFloat('coverage', { nullable: true, description: 'Eligible units reached / eligible units (0 when none is eligible).' }),
    allocationRatio: t.exposeFloat('allocationRatio', {
      nullable: true,
      description:
        'The region’s share of the money over its share of the eligible: 1 is a fair share, 2 twice it. Null when the region has no eligible unit or nothing was paid anywhere, and when suppressed.',
    }),
    suppressed: t.exposeBoolean('suppressed', SUPPRESSED),
  }),
});

export const RegionalEquity = builder.objectRef<ShownRegionalEquity>('RegionalEquity').implement({
  description: 'Coverage and allocation by region, and how unequal coverage is.',
  fields: (t) => ({
    giniCoverage: t.exposeFloat('giniCoverage', {
      description:
        'Gini coefficient of regional coverage, weighted by eligible units, over regions with any: 0 when every region covers the same share of its eligible, near 1 when coverage is concentrated in few regions. Where regions are suppressed, they count as one region (their coverage together, which the published figures give anyway).',
    }),
    regions: t.field({ type: [RegionEquity], description: 'Every region with eligible or paid units, in code order.', resolve: (e) => e.regions }),
  }),
});

builder.queryFields((t) => ({
  regionalEquity: t.field({
    type: RegionalEquity,
    description: 'Regional equity of a programme in a month at one level (METRICS.md), nationally or within a province or regency.',
    tag: ROOT_FIELD.BUILD_ANSWERED,
    authScopes: { roles: MAY.readAggregates },
    args: {
      program: t.arg.string({ required: true, description: 'Programme code, e.g. PKH.' }),
      period: t.arg.string({ required: true, description: 'The month, YYYY-MM.' }),
      level: t.arg({ type: RegionLevel, required: true, description: 'Which regions to compare.' }),
      within: t.arg.string({
        required: false,
        description:
          'Only the regions inside this province or regency (e.g. the districts of 51.01), with shares and Gini taken among them; above `level`. Every region of the level when absent.',
      }),
    },
    resolve: async (_root, args, ctx) => (await ctx.analytics.require()).published.regionalEquity(args, ctx.minCell),
  }),
}));
