/**
 * The data-quality queues (issue 18): where the sources disagree, per region, each item with
 * its evidence and what resolves it, for the operators who fix them and auditors; and how
 * many items each region has, for dashboards.
 */
import {
  dataQualityItems,
  hasQualityQueues,
  QUALITY_ACTIONS,
  QUALITY_KINDS,
  type QualityFix,
  type QualityItem,
  type QualityPage,
  type QualityPayment,
  type ServicePeriod,
  type ShownQualityCounts,
} from '@tepat/analytics';
import { inCallerRegion, isRegionBound, MAY, ROOT_FIELD } from '@tepat/auth';
import { regionLevelOf } from '@tepat/core';
import { dtksReasonEnum, forbidden } from '@tepat/subgraph-kit';
import { GraphQLError } from 'graphql';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { SMALL_CELL, SUPPRESSED } from './args.js';
import { RegionLevel } from './equity.js';

const DataQualityKind = builder.enumType('DataQualityKind', {
  description: 'What the sources disagree on.',
  values: {
    DECEASED_ACTIVE: { description: 'Dead in population (a death date), ACTIVE in DTKS.' },
    STALE_KK: { description: "DTKS records another family card (kk) than population's." },
    GHOST: {
      description: "Paid in a programme's latest month, and population does not know the NIK: one item per district it was paid in.",
    },
    CIVIL_SERVANT: {
      description: "Serving (ASN, TNI, POLRI) today while ACTIVE in DTKS, or paid in a programme's latest month while serving on the day.",
    },
    PAID_TWICE: { description: "A unit (a NIK for a PERSON programme, a KK for a FAMILY one) paid more than once in a programme's latest month." },
  } satisfies Record<(typeof QUALITY_KINDS)[number], object>,
});

const DataQualityAction = builder.enumType('DataQualityAction', {
  description: 'What resolves a data-quality item.',
  values: {
    DEACTIVATE_DTKS_MEMBER: { description: "An operator of the person's region deactivates the DTKS record (deactivateDtksMember) with `reason`." },
    IMPORT_DTKS: { description: "DTKS sends the record again in dtks/members.csv, with population's kk (tepat import)." },
    AUDIT_CASE: { description: 'An auditor opens a case on the payments (flaggedDisbursements).' },
    PROGRAMME_CORRECTION: { description: 'The programme stops, reverses or recovers the payments named.' },
  } satisfies Record<(typeof QUALITY_ACTIONS)[number], object>,
});

const DtksReason = dtksReasonEnum(builder);

const DataQualityPayment = builder.objectRef<QualityPayment>('DataQualityPayment').implement({
  description: 'A payment behind a data-quality item.',
  fields: (t) => ({
    id: t.exposeString('id', { description: "The programme's identifier of the payment." }),
    program: t.exposeString('program', { description: 'Programme code.' }),
    period: t.exposeString('period', { description: 'The month it is for, YYYY-MM.' }),
    nik: t.exposeString('nik', { description: 'NIK of the person paid (for a FAMILY programme, who collected).' }),
    kk: t.exposeString('kk', { description: 'Family card number as the programme recorded it.' }),
    amount: t.exposeFloat('amount', { description: 'Rupiah.' }),
    disbursedOn: t.exposeString('disbursedOn', { description: 'YYYY-MM-DD.' }),
    districtCode: t.exposeString('districtCode', { description: 'Where it was collected.' }),
    paymentRank: t.exposeInt('paymentRank', { description: "1 for the unit's first payment of the month (by date, then id); more is a payment too many." }),
  }),
});

const DataQualityServicePeriod = builder.objectRef<ServicePeriod>('DataQualityServicePeriod').implement({
  description: 'A period of civil service (civil-service/personnel.csv).',
  fields: (t) => ({
    corps: t.exposeString('corps', { description: 'ASN, TNI or POLRI.' }),
    agency: t.exposeString('agency', { description: 'Where the person serves.' }),
    startDate: t.exposeString('startDate', { description: 'YYYY-MM-DD.' }),
    endDate: t.exposeString('endDate', { nullable: true, description: 'YYYY-MM-DD; null while serving.' }),
  }),
});

const DataQualityEvidence = builder.objectRef<QualityItem['evidence']>('DataQualityEvidence').implement({
  description: 'The facts behind a data-quality item, as the analytics build read them from the sources.',
  fields: (t) => ({
    inPopulation: t.exposeBoolean('inPopulation', { description: "Whether population knows the item's NIK." }),
    deathDate: t.exposeString('deathDate', { nullable: true, description: 'Date of death in population, YYYY-MM-DD.' }),
    populationKk: t.exposeString('populationKk', { nullable: true, description: "Population's family card number." }),
    dtksStatus: t.exposeString('dtksStatus', { nullable: true, description: 'ACTIVE or INACTIVE in DTKS; null without a DTKS record.' }),
    dtksStatusReason: t.field({
      type: DtksReason,
      nullable: true,
      description: 'Why the DTKS record is INACTIVE.',
      resolve: (e) => e.dtksStatusReason,
    }),
    dtksKk: t.exposeString('dtksKk', { nullable: true, description: "DTKS's family card number (may be stale, DATA.md)." }),
    servingToday: t.exposeBoolean('servingToday', { description: 'Whether a period of civil service covers the build’s day.' }),
    service: t.field({
      type: [DataQualityServicePeriod],
      description: 'CIVIL_SERVANT: the periods of service covering the build’s day or a day of payment.',
      resolve: (e) => e.service,
    }),
    payments: t.field({
      type: [DataQualityPayment],
      description: "GHOST, CIVIL_SERVANT and PAID_TWICE: the payments of the programme's latest month behind the item, by date, then id.",
      resolve: (e) => e.payments,
    }),
  }),
});

const DataQualityFix = builder.objectRef<QualityFix>('DataQualityFix').implement({
  description: 'One way a data-quality item is resolved. It leaves the queue at the first analytics refresh after its sources agree.',
  fields: (t) => ({
    action: t.field({ type: DataQualityAction, description: 'What to do.', resolve: (f) => f.action }),
    operation: t.exposeString('operation', {
      nullable: true,
      description: "The hub's root field to use, with the item's NIK: deactivateDtksMember, or flaggedDisbursements where an auditor's case starts; null when the fix is the source's own.",
    }),
    reason: t.field({ type: DtksReason, nullable: true, description: 'The reason to deactivate with.', resolve: (f) => f.reason }),
    paymentIds: t.exposeStringList('paymentIds', { description: 'The payments the fix is about (for PAID_TWICE, those after the first).' }),
    description: t.exposeString('description', { description: 'The fix in a sentence.' }),
  }),
});

/** A person the hub knows by NIK: the rest of the record comes from population, for callers it lets read it. */
const PersonRef = builder.externalRef('Person', builder.selection<{ nik: string }>('nik')).implement({
  authScopes: { roles: MAY.readQualityItems },
  fields: (t) => ({ nik: t.exposeString('nik', { description: 'The 16-digit NIK.' }) }),
});

const DataQualityItem = builder.objectRef<QualityItem>('DataQualityItem').implement({
  description: 'Something the sources disagree on, with its evidence and what resolves it.',
  fields: (t) => ({
    kind: t.field({ type: DataQualityKind, description: 'What the sources disagree on.', resolve: (i) => i.kind }),
    nik: t.exposeString('nik', {
      description:
        "The person the item is about (for PAID_TWICE of a FAMILY programme, the family's head). Masked for operators unless also selected as person { nik }.",
    }),
    kk: t.exposeString('kk', { description: "Population's family card number, else that of the first payment." }),
    region: t.exposeString('region', {
      description: "The person's village in population; the district paid in for GHOST; the unit's region (METRICS.md) for PAID_TWICE.",
    }),
    person: t.field({
      type: PersonRef,
      nullable: true,
      description: 'The person in population, composed across the hub for callers who may read the registry; null when population does not know the NIK.',
      resolve: (i) => (i.evidence.inPopulation ? { nik: i.nik } : null),
    }),
    evidence: t.field({ type: DataQualityEvidence, description: 'The facts behind the item.', resolve: (i) => i.evidence }),
    fixes: t.field({ type: [DataQualityFix], description: 'What resolves it, in order.', resolve: (i) => i.fixes }),
  }),
});

const DataQualityPage = builder.objectRef<QualityPage>('DataQualityPage').implement({
  description: 'A page of data-quality items, by kind, region and key.',
  fields: (t) => ({
    totalCount: t.exposeInt('totalCount', { description: 'All items matching the filters.' }),
    nodes: t.field({ type: [DataQualityItem], description: 'This page.', resolve: (p) => p.nodes }),
  }),
});

const DataQualityKindCount = builder.objectRef<ShownQualityCounts['byKind'][number]>('DataQualityKindCount').implement({
  description: `The items of one kind in a region. ${SMALL_CELL}`,
  fields: (t) => ({
    kind: t.field({ type: DataQualityKind, description: 'The kind.', resolve: (k) => k.kind }),
    items: t.exposeInt('items', { nullable: true, description: 'How many; null when suppressed.' }),
    suppressed: t.exposeBoolean('suppressed', SUPPRESSED),
  }),
});

const DataQualityCounts = builder.objectRef<ShownQualityCounts>('DataQualityCounts').implement({
  description: `A region's data-quality items, counted by kind. ${SMALL_CELL} An OPERATOR, who reads the items of its region, sees its counts whole.`,
  fields: (t) => ({
    region: t.exposeString('region', { description: 'Kemendagri code; empty for the nation.' }),
    name: t.exposeString('name', { description: 'Name, from idn-area-data.' }),
    level: t.exposeString('level', { description: 'NATIONAL, PROVINCE, REGENCY, DISTRICT or VILLAGE.' }),
    total: t.exposeInt('total', { nullable: true, description: 'Items of every kind; null when suppressed.' }),
    byKind: t.field({ type: [DataQualityKindCount], description: 'Every kind, zeros included.', resolve: (c) => c.byKind }),
    suppressed: t.exposeBoolean('suppressed', SUPPRESSED),
  }),
});

/** The served build, if it has the queues (a build made before them has not). */
async function servedQueues(ctx: Context) {
  const served = await ctx.analytics.require();
  if (!(await hasQualityQueues(ctx.analytics.engine, served.build.database))) {
    throw new GraphQLError('The analytics build being served was made before the data-quality queues: run `npx tepat analytics refresh`.', {
      extensions: { code: 'ANALYTICS_NOT_BUILT' },
    });
  }
  return served;
}

builder.queryFields((t) => ({
  dataQualityItems: t.field({
    type: DataQualityPage,
    description:
      "Where the sources disagree in a region, as of the analytics build, each item with its evidence and its fix; an item leaves at the first refresh after it is fixed. Personal data: an OPERATOR for its region's, an AUDITOR anywhere; every read logged.",
    tag: ROOT_FIELD.PERSONAL,
    authScopes: { roles: MAY.readQualityItems },
    args: {
      kind: t.arg({ type: DataQualityKind, description: 'Only this kind; every kind when absent.' }),
      region: t.arg.string({
        required: true,
        description: "Items whose region starts with this code (any level, villages included); within an operator's own region.",
      }),
      first: t.arg.int({ description: 'Page size, 1 to 500 (default 50).' }),
      offset: t.arg.int({ description: 'Skip this many, for the next page (default 0).' }),
    },
    resolve: async (_root, args, ctx) => {
      // A code that is no region is the argument's problem, said by dataQualityItems; one outside the caller's region is refused.
      if (isRegionBound(ctx.caller) && regionLevelOf(args.region) && !inCallerRegion(ctx.caller, args.region)) {
        throw forbidden(ctx.caller, `data-quality items outside its region (${args.region})`);
      }
      const { build } = await servedQueues(ctx);
      return dataQualityItems(ctx.analytics.engine, build.database, ctx.analytics.regions, args);
    },
  }),
  dataQualityCounts: t.field({
    type: [DataQualityCounts],
    description:
      "How many data-quality items a region has, by kind: the region's own counts, or with `level` those of every region of that level inside it with any item, in code order.",
    tag: ROOT_FIELD.BUILD_ANSWERED,
    authScopes: { roles: MAY.readQualityCounts },
    args: {
      region: t.arg.string({
        description: "A Kemendagri code at any level, villages included; the nation when absent (an operator's own region).",
      }),
      level: t.arg({ type: RegionLevel, description: 'The regions inside `region` to list, at this level, below it.' }),
    },
    resolve: async (_root, args, ctx) => {
      const region = args.region ?? (isRegionBound(ctx.caller) ? ctx.caller.region : null);
      if (isRegionBound(ctx.caller) && (!region || (regionLevelOf(region) && !inCallerRegion(ctx.caller, region)))) {
        throw forbidden(ctx.caller, `data-quality counts outside its region (${region ?? 'the nation'})`);
      }
      const { counts } = await servedQueues(ctx);
      // Who may read the items themselves (an operator, in its region) may read their counts whole.
      const k = MAY.readQualityItems.includes(ctx.caller.role) ? 0 : ctx.minCell;
      return counts.qualityCounts({ region, level: args.level }, k);
    },
  }),
}));
