/**
 * Case figures (issue 17, item 6): what was filed through the hub in a month and what became
 * of it, by kind, so a ministry sees whether desks answer (Bengkulu Utara's "zero deviation").
 */
import {
  CASE_KINDS,
  CASE_STATUSES,
  CaseFiguresNotBuilt,
  type ShownCaseFigures,
  type ShownKindFigures,
} from '@tepat/analytics';
import { MAY, ROOT_FIELD } from '@tepat/auth';
import { GraphQLError } from 'graphql';
import { builder } from '../builder.js';
import { SMALL_CELL, SUPPRESSED } from './args.js';

// CaseKind and CaseStatus are intake's enums, defined here with the same values and
// descriptions: the supergraph merges them into one type, and composition fails if the two
// ever differ, so a status intake adds must be counted here too.
const CaseKindEnum = builder.enumType('CaseKind', {
  description: 'What was filed.',
  values: {
    APPLICATION: { description: "An application for a programme (Jembrana's I-BAN)." },
    REPORT: { description: "A community report of someone in need (Banyuwangi's Smart Kampung)." },
    COMPLAINT: { description: "A complaint about a payment at a help desk (Bengkulu Utara's posko keluhan)." },
    PROPOSAL: { description: 'A proposal (usul) to add a person to DTKS (Portal Bansos Digital).' },
    OBJECTION: { description: 'An objection (sanggah) to a DTKS member or recipient (Cek Bansos).' },
  } satisfies Record<(typeof CASE_KINDS)[number], object>,
});

const CaseStatusEnum = builder.enumType('CaseStatus', {
  description: "Any case's status; each kind of case also gives its own, narrower `status`.",
  values: Object.fromEntries(CASE_STATUSES.map((s) => [s, {}])) as Record<(typeof CASE_STATUSES)[number], object>,
});

const CaseStatusCount = builder.objectRef<ShownKindFigures['byStatus'][number]>('CaseStatusCount').implement({
  description: 'The cases of a figure in one status when the analytics build was made.',
  fields: (t) => ({
    status: t.field({ type: CaseStatusEnum, description: 'The status.', resolve: (s) => s.status }),
    cases: t.exposeInt('cases', { nullable: true, description: 'Cases in it; null when suppressed.' }),
  }),
});

const KindFigures = builder.objectRef<ShownKindFigures>('CaseKindFigures').implement({
  description: `The cases of one kind filed in the month (in Asia/Jakarta), in the region and for the programme asked, and what became of them by the day the analytics build was made. ${SMALL_CELL}`,
  fields: (t) => ({
    kind: t.field({ type: CaseKindEnum, description: 'What was filed.', resolve: (k) => k.kind }),
    filed: t.exposeInt('filed', { nullable: true, description: 'Cases filed; null when suppressed.' }),
    stillOpen: t.exposeInt('stillOpen', {
      nullable: true,
      description: 'Of them, not yet in a final status (PENDING, QUEUED, OPEN, IN_PROGRESS); null when suppressed.',
    }),
    concluded: t.exposeInt('concluded', {
      nullable: true,
      description: 'Of them, in a final status: decided (ACCEPTED, REJECTED), verified, dismissed, resolved, closed, upheld or expired; null when suppressed.',
    }),
    overdue: t.exposeInt('overdue', {
      nullable: true,
      description: "Of them, still open after their due day on the build's day (`asOf`): complaints and objections, the cases with a due day; null when suppressed.",
    }),
    byStatus: t.field({
      type: [CaseStatusCount],
      description: "Every status of the kind, in the workflow's order, with its cases (zeros included, suppressed ones null).",
      resolve: (k) => k.byStatus,
    }),
    medianHours: t.exposeFloat('medianHours', {
      nullable: true,
      description:
        'The median of the hours from filing to the final status, over the concluded cases, interpolated between the two middle ones; 0 for applications decided at once, and an expired objection counts until it expired. Null when none is concluded, and when the concluded count is suppressed.',
    }),
    p90Hours: t.exposeFloat('p90Hours', {
      nullable: true,
      description: 'The 90th percentile of the same hours, interpolated: nine in ten concluded cases took no longer. Null when none is concluded, and when the concluded count is suppressed.',
    }),
    suppressed: t.exposeBoolean('suppressed', SUPPRESSED),
  }),
});

const CaseFigures = builder.objectRef<ShownCaseFigures>('CaseFigures').implement({
  description:
    'Applications, community reports, complaints, proposals and objections filed through the hub in a month, with their outcomes and the time to a decision or resolution.',
  fields: (t) => ({
    period: t.exposeString('period', { description: 'The month the cases were filed in, YYYY-MM (Asia/Jakarta).' }),
    region: t.exposeString('region', { nullable: true, description: 'The region asked for; null nationally.' }),
    program: t.exposeString('program', { nullable: true, description: 'The programme asked for; null for every case whatever its programme.' }),
    asOf: t.exposeString('asOf', {
      description: "The day the analytics build was made (YYYY-MM-DD, Asia/Jakarta): statuses are as they were then, and overdue is counted on it.",
    }),
    kinds: t.field({
      type: [KindFigures],
      description: 'One entry per kind asked, in the order APPLICATION, REPORT, COMPLAINT, PROPOSAL, OBJECTION; a kind with no case reads as zeros.',
      resolve: (f) => f.kinds,
    }),
  }),
});

builder.queryFields((t) => ({
  caseFigures: t.field({
    type: CaseFigures,
    description:
      'Applications, community reports, complaints, proposals and objections filed through the hub in a month, nationally or in a province, regency or district, with their outcomes, how many are overdue and the hours to a decision or resolution; from the analytics build. A case whose person population did not know has no district and counts only nationally.',
    tag: ROOT_FIELD.BUILD_ANSWERED,
    authScopes: { roles: MAY.readAggregates },
    args: {
      period: t.arg.string({ required: true, description: 'The month the cases were filed in, YYYY-MM; not after the build’s.' }),
      region: t.arg.string({
        description: 'A province, regency or district code (e.g. 51.01): only cases of people domiciled there when filed. National when absent.',
      }),
      program: t.arg.string({
        description: 'Programme code, e.g. BANSOS_JEMBRANA: only the cases filed for it (reports, proposals and objections name none). Every case when absent.',
      }),
      kind: t.arg({ type: CaseKindEnum, description: 'Only this kind; every kind when absent.' }),
    },
    resolve: async (_root, args, ctx) => {
      const { counts } = await ctx.analytics.require();
      try {
        return await counts.caseFigures(args, ctx.minCell);
      } catch (error) {
        if (error instanceof CaseFiguresNotBuilt) throw new GraphQLError(error.message, { extensions: { code: 'ANALYTICS_NOT_BUILT' } });
        throw error;
      }
    },
  }),
}));
