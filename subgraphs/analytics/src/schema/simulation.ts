/**
 * Policy simulation (API.md, `simulateRuleSet`): a draft rule set's targeting, leakage,
 * equity, incidence and budget for a programme in a month, beside the rule set in force,
 * before anyone publishes it; and, for auditors, the units it would move.
 */
import { MAX_DRAFTS, type MovedUnit, type MovedUnitPage, type ShownProgramFigures, type ShownSimulation } from '@tepat/analytics';
import { MAY, ROOT_FIELD } from '@tepat/auth';
import { ruleSetInputType } from '@tepat/subgraph-kit';
import { builder } from '../builder.js';
import { SMALL_CELL, SUPPRESSED } from './args.js';
import { RegionalEquity, RegionLevel } from './equity.js';
import { BenefitIncidence } from './incidence.js';
import { Leakage, TargetingAccuracy } from './targeting.js';

const RuleSetInput = ruleSetInputType(builder);

const ProgramFigures = builder.objectRef<ShownProgramFigures>('ProgramFigures').implement({
  description: "A programme's figures in a month under one rule set (METRICS.md), for the region and level asked.",
  fields: (t) => ({
    targetingAccuracy: t.field({ type: TargetingAccuracy, description: 'Targeting accuracy: R against this rule set’s E.', resolve: (f) => f.targetingAccuracy }),
    leakage: t.field({ type: Leakage, description: 'Leakage; only INELIGIBLE depends on the rule set.', resolve: (f) => f.leakage }),
    regionalEquity: t.field({ type: RegionalEquity, description: 'Coverage and allocation by region at the level asked.', resolve: (f) => f.regionalEquity }),
    budget: t.exposeFloat('budget', { nullable: true, description: "Rupiah a month to pay every eligible unit: |E| × the programme's median payment that month." }),
    incidence: t.field({
      type: BenefitIncidence,
      description: 'Benefit incidence if every eligible unit were paid the median payment: where this rule set would send the money, by DTKS decile, with the CGH indicator.',
      resolve: (f) => f.incidence,
    }),
  }),
});

const RegionMovesRef = builder.objectRef<ShownSimulation['movesByRegion'][number]>('SimulatedRegionMoves').implement({
  description: 'Units a draft moves into or out of E in one region.',
  fields: (t) => ({
    region: t.exposeString('region', { description: 'Kemendagri code at the level asked.' }),
    name: t.exposeString('name', { description: 'Name, from idn-area-data.' }),
    entering: t.exposeInt('entering', { nullable: true, description: 'Units eligible under the draft and not under the rule set in force.' }),
    leaving: t.exposeInt('leaving', { nullable: true, description: 'Units eligible under the rule set in force and not under the draft.' }),
    suppressed: t.exposeBoolean('suppressed', SUPPRESSED),
  }),
});

const DecileMovesRef = builder.objectRef<ShownSimulation['movesByDecile'][number]>('SimulatedDecileMoves').implement({
  description: 'Units a draft moves into or out of E in one DTKS welfare decile.',
  fields: (t) => ({
    decile: t.exposeInt('decile', { nullable: true, description: '1 = the poorest tenth; null for units without a DTKS record.' }),
    entering: t.exposeInt('entering', { nullable: true, description: 'Units entering E.' }),
    leaving: t.exposeInt('leaving', { nullable: true, description: 'Units leaving E.' }),
    suppressed: t.exposeBoolean('suppressed', SUPPRESSED),
  }),
});

const Simulation = builder.objectRef<ShownSimulation>('Simulation').implement({
  description: `What a draft rule set would do to a programme in a month, beside the rule set in force. Nothing is published or stored. ${SMALL_CELL}`,
  fields: (t) => ({
    draft: t.field({ type: ProgramFigures, description: 'The figures if the programme used the draft.', resolve: (s) => s.draft }),
    current: t.field({ type: ProgramFigures, description: 'The figures under the rule set in force (the served build).', resolve: (s) => s.current }),
    entering: t.exposeInt('entering', { nullable: true, description: 'Units entering E: eligible under the draft, not today.' }),
    leaving: t.exposeInt('leaving', { nullable: true, description: 'Units leaving E: eligible today, not under the draft.' }),
    medianPayment: t.exposeFloat('medianPayment', { description: "The programme's median payment that month, nationwide, in rupiah: what a budget counts per unit." }),
    budgetChange: t.exposeFloat('budgetChange', { nullable: true, description: 'draft.budget − current.budget, in rupiah a month.' }),
    movesByRegion: t.field({ type: [RegionMovesRef], description: 'Entering and leaving by region, the regions of the regional equity.', resolve: (s) => s.movesByRegion }),
    movesByDecile: t.field({ type: [DecileMovesRef], description: 'Entering and leaving by DTKS decile, 1 to 10, then units without a record.', resolve: (s) => s.movesByDecile }),
    suppressed: t.exposeBoolean('suppressed', SUPPRESSED),
  }),
});

const MoveDirection = builder.enumType('MoveDirection', {
  description: 'Which way a draft moves a unit.',
  values: {
    ENTERING: { description: 'Eligible under the draft, not under the rule set in force.' },
    LEAVING: { description: 'Eligible under the rule set in force, not under the draft.' },
  } as const,
});

const MovedUnitRef = builder.objectRef<MovedUnit>('SimulatedMovedUnit').implement({
  description: 'A unit a draft rule set moves into or out of E, and the checks that decide it on each side.',
  fields: (t) => ({
    unit: t.exposeString('unit', { description: 'The NIK of a PERSON programme’s unit, the KK of a FAMILY one’s.' }),
    nik: t.exposeString('nik', { description: 'The person the unit stands for: the NIK itself, or the family’s head.' }),
    kk: t.exposeString('kk', { description: 'Family card number in population.' }),
    villageCode: t.exposeString('villageCode', { description: 'Where the unit lives.' }),
    decile: t.exposeInt('decile', { nullable: true, description: 'DTKS welfare decile; null without a record.' }),
    direction: t.field({ type: MoveDirection, description: 'Entering or leaving E.', resolve: (u) => u.direction }),
    failedNow: t.exposeStringList('failedNow', { description: 'Checks of the rule set in force it fails on the month’s last day; empty when eligible.' }),
    failedUnderDraft: t.exposeStringList('failedUnderDraft', { description: 'Checks of the draft it would fail; empty when eligible.' }),
  }),
});

const MovedUnitPageRef = builder.objectRef<MovedUnitPage>('SimulatedMovedUnitPage').implement({
  description: 'A page of moved units, by unit.',
  fields: (t) => ({
    totalCount: t.exposeInt('totalCount', { description: 'Every unit moved in the region and direction asked.' }),
    nodes: t.field({ type: [MovedUnitRef], description: 'This page.', resolve: (p) => p.nodes }),
    endCursor: t.exposeString('endCursor', { nullable: true, description: 'Pass as `after` for the next page; null on the last.' }),
    hasNextPage: t.exposeBoolean('hasNextPage', { description: 'Whether another page follows.' }),
  }),
});

const simulationArgs = (arg: Parameters<Parameters<typeof builder.queryFields>[0]>[0]['arg']) => ({
  program: arg.string({ required: true, description: 'Programme code, e.g. PKH.' }),
  period: arg.string({ required: true, description: 'The month, YYYY-MM.' }),
  region: arg.string({ description: 'A province, regency or district code: only units whose region starts with it count. National when absent.' }),
});

builder.queryFields((t) => ({
  simulateRuleSet: t.field({
    type: Simulation,
    description:
      'The figures `program` would have in `period` if it used `draft` instead of its rule set, beside those under the rule set in force, on the served analytics build. The draft is checked as saveRuleSet checks it; nothing is published.',
    tag: ROOT_FIELD.BUILD_ANSWERED,
    authScopes: { roles: MAY.readAggregates },
    args: {
      draft: t.arg({ type: RuleSetInput, required: true, description: 'The rule set to try.' }),
      ...simulationArgs(t.arg),
      level: t.arg({ type: RegionLevel, defaultValue: 'PROVINCE', description: 'The regions regional equity and the moves compare.' }),
    },
    resolve: async (_root, { draft, level, ...args }, ctx) => {
      const [simulation] = await (await ctx.analytics.require()).simulations.simulate({ ...args, level, drafts: [draft] }, ctx.minCell);
      return simulation!;
    },
  }),
  simulateRuleSets: t.field({
    type: [Simulation],
    description: `Up to ${MAX_DRAFTS} drafts side by side, in the order given, each beside the rule set in force (the dashboard's comparison).`,
    tag: ROOT_FIELD.BUILD_ANSWERED,
    authScopes: { roles: MAY.readAggregates },
    args: {
      drafts: t.arg({ type: [RuleSetInput], required: true, description: `1 to ${MAX_DRAFTS} rule sets to try.` }),
      ...simulationArgs(t.arg),
      level: t.arg({ type: RegionLevel, defaultValue: 'PROVINCE', description: 'The regions regional equity and the moves compare.' }),
    },
    resolve: async (_root, args, ctx) => (await ctx.analytics.require()).simulations.simulate(args, ctx.minCell),
  }),
  simulatedMovedUnits: t.field({
    type: MovedUnitPageRef,
    description: 'The units a draft would move into or out of E, with the checks that decide it. Personal data: auditors only, every read logged.',
    tag: ROOT_FIELD.PERSONAL,
    authScopes: { roles: MAY.readLeakageCases },
    args: {
      draft: t.arg({ type: RuleSetInput, required: true, description: 'The rule set to try.' }),
      ...simulationArgs(t.arg),
      direction: t.arg({ type: MoveDirection, description: 'Only units entering, or only units leaving; both when absent.' }),
      first: t.arg.int({ description: 'Page size, 1 to 500 (default 50).' }),
      after: t.arg.string({ description: 'The endCursor of the previous page.' }),
    },
    resolve: async (_root, args, ctx) => (await ctx.analytics.require()).simulator.movedUnits(args),
  }),
}));
