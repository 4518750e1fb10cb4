/** The disbursements behind a leakage figure, for auditors investigating mistargeting. */
import { flaggedDisbursements, LEAKAGE_CATEGORIES, type FlaggedDisbursement as FlaggedValue, type FlaggedPage } from '@tepat/analytics';
import { MAY, ROOT_FIELD } from '@tepat/auth';
import { builder } from '../builder.js';

const LeakageCategoryCode = builder.enumType('LeakageCategoryCode', {
  description: 'A leakage category of METRICS.md.',
  values: Object.fromEntries(LEAKAGE_CATEGORIES.map((c) => [c, {}])) as Record<(typeof LEAKAGE_CATEGORIES)[number], object>,
});

const ServingRecord = builder.objectRef<FlaggedValue['evidence']['serving'][number]>('ServingRecord').implement({
  description: 'A period of civil service covering the day of a payment.',
  fields: (t) => ({
    corps: t.exposeString('corps', { description: 'ASN, TNI or POLRI.' }),
    agency: t.exposeString('agency', { description: 'Where the person serves.' }),
  }),
});

const LeakageEvidence = builder.objectRef<FlaggedValue['evidence']>('LeakageEvidence').implement({
  description: 'The facts that gave a payment its category.',
  fields: (t) => ({
    inPopulation: t.exposeBoolean('inPopulation', { description: 'Whether the NIK paid is in population (false: GHOST).' }),
    deathDate: t.exposeString('deathDate', { nullable: true, description: 'Date of death in population, YYYY-MM-DD.' }),
    serving: t.field({ type: [ServingRecord], description: 'Civil service on the day of payment.', resolve: (e) => e.serving }),
    paymentRank: t.exposeInt('paymentRank', { description: "1 for the unit's first payment of the programme that month (by date, then id); more is DUPLICATE." }),
    firstPaymentId: t.exposeString('firstPaymentId', { description: "The id of the unit's first payment that month." }),
    failedChecks: t.exposeStringList('failedChecks', {
      description:
        "The checks of the programme's rule set the unit fails on the month's last day (IDENTITY when not in population; NO_HEAD_IN_POPULATION for a family without a head).",
    }),
  }),
});

const FlaggedDisbursement = builder.objectRef<FlaggedValue>('FlaggedDisbursement').implement({
  description: 'A payment with a leakage category, and why.',
  fields: (t) => ({
    id: t.exposeString('id', { description: "The programme's identifier of the payment." }),
    program: t.exposeString('program', { description: 'Programme code.' }),
    period: t.exposeString('period', { description: 'The month it is for, YYYY-MM.' }),
    category: t.field({ type: LeakageCategoryCode, description: 'Its leakage category.', resolve: (d) => d.category }),
    nik: t.exposeString('nik', { description: 'NIK of the person paid.' }),
    kk: t.exposeString('kk', { description: 'Family card number as the programme recorded it.' }),
    unit: t.exposeString('unit', { description: 'The unit paid: the NIK for a PERSON programme, the KK for a FAMILY one.' }),
    region: t.exposeString('region', { description: "The unit's region: its village, or the district of its first payment that month when not in population." }),
    amount: t.exposeFloat('amount', { description: 'Rupiah.' }),
    disbursedOn: t.exposeString('disbursedOn', { description: 'YYYY-MM-DD.' }),
    districtCode: t.exposeString('districtCode', { description: 'Where it was collected.' }),
    evidence: t.field({ type: LeakageEvidence, description: 'The facts behind the category.', resolve: (d) => d.evidence }),
  }),
});

const FlaggedDisbursementPage = builder.objectRef<FlaggedPage>('FlaggedDisbursementPage').implement({
  description: 'A page of flagged payments, by category then id.',
  fields: (t) => ({
    totalCount: t.exposeInt('totalCount', { description: 'All payments matching the filters.' }),
    nodes: t.field({ type: [FlaggedDisbursement], description: 'This page.', resolve: (p) => p.nodes }),
    endCursor: t.exposeString('endCursor', { nullable: true, description: 'Pass as `after` for the next page; null on the last.' }),
    hasNextPage: t.exposeBoolean('hasNextPage', { description: 'Whether another page follows.' }),
  }),
});

builder.queryFields((t) => ({
  flaggedDisbursements: t.field({
    type: FlaggedDisbursementPage,
    description: 'The payments behind a leakage figure, with their evidence. Personal data: auditors only, every read logged.',
    tag: ROOT_FIELD.PERSONAL,
    authScopes: { roles: MAY.readLeakageCases },
    args: {
      program: t.arg.string({ required: true, description: 'Programme code, e.g. PKH.' }),
      period: t.arg.string({ required: true, description: 'The month, YYYY-MM.' }),
      category: t.arg({ type: LeakageCategoryCode, description: 'Only this category; every category when absent.' }),
      region: t.arg.string({ description: "Only units whose region starts with this code (any level, villages included)." }),
      first: t.arg.int({ description: 'Page size, 1 to 500 (default 50).' }),
      after: t.arg.string({ description: 'The endCursor of the previous page.' }),
    },
    resolve: async (_root, args, ctx) => {
      const { build, metrics } = await ctx.analytics.require();
      return flaggedDisbursements(ctx.analytics.engine, build.database, metrics, ctx.analytics.regions, args);
    },
  }),
}));
