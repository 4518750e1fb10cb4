/**
 * The cases a caller works or supervises (API.md, Workflows; issue: "one queue view per
 * region"): an OPERATOR's region's queue, a REGIONAL_APP's region's applications, a
 * FACILITATOR's own cases, every case for an AUDITOR. Filtered by kind, status, village and
 * filer; overdue first, then oldest first; paged.
 */
import { type Caller, inCallerRegion, isRegionBound, MAY, ROOT_FIELD } from '@tepat/auth';
import { badInput, regionLevelOf, todayInJakarta } from '@tepat/core';
import { forbidden } from '@tepat/subgraph-kit';
import { builder } from '../builder.js';
import type { CaseRow } from '../db.js';
import type { Prisma } from '../generated/prisma/client.ts';
import { CaseKindEnum, CaseRef, CaseStatusEnum } from './case.js';

/** The most cases one page holds. */
export const MAX_PAGE = 200;

interface CasePage {
  total: number;
  cases: CaseRow[];
}

const CasePageRef = builder.objectRef<CasePage>('CasePage').implement({
  description: 'One page of cases.',
  fields: (t) => ({
    total: t.exposeInt('total', { description: 'How many cases match, on every page.' }),
    cases: t.field({ type: [CaseRef], description: 'The cases of this page: overdue first, then oldest first.', resolve: (p) => p.cases }),
  }),
});

/** What each role may list, whatever it asks for. */
function scopeOf(caller: Caller, kind: string | null | undefined): Prisma.IntakeCaseWhereInput {
  switch (caller.role) {
    case 'AUDITOR':
      return {};
    case 'OPERATOR':
      return { villageCode: { startsWith: caller.region! } };
    case 'REGIONAL_APP':
      if (kind != null && kind !== 'APPLICATION') throw forbidden(caller, 'cases other than applications');
      return { kind: 'APPLICATION', villageCode: { startsWith: caller.region! } };
    case 'FACILITATOR':
      return { filedByRole: 'FACILITATOR', filedBySubject: caller.subject ?? '' };
    default:
      throw forbidden(caller, 'cases');
  }
}

builder.queryField('caseQueue', (t) =>
  t.field({
    type: CasePageRef,
    description:
      "Cases to work or supervise: an OPERATOR's region's, a REGIONAL_APP's region's applications, a FACILITATOR's own, everything for an AUDITOR. Overdue first, then oldest first.",
    tag: ROOT_FIELD.AUDITED,
    authScopes: { roles: MAY.listCases },
    args: {
      kind: t.arg({ type: CaseKindEnum, description: 'Only this kind.' }),
      status: t.arg({ type: CaseStatusEnum, description: 'Only this status.' }),
      village: t.arg.string({ description: 'Only cases of people in this region (a village, district, regency or province code) inside your own.' }),
      overdue: t.arg.boolean({ description: 'Only overdue cases (true) or only those not overdue (false).' }),
      filedBy: t.arg.string({ description: "Only cases filed by this token subject, e.g. a facilitator's, for supervision." }),
      first: t.arg.int({ required: true, defaultValue: 50, description: `At most this many (1 to ${MAX_PAGE}).` }),
      offset: t.arg.int({ required: true, defaultValue: 0, description: 'Skip this many, for the next page.' }),
    },
    resolve: async (_root, args, ctx) => {
      if (args.first < 1 || args.first > MAX_PAGE) throw badInput('first', `must be from 1 to ${MAX_PAGE}.`);
      if (args.offset < 0) throw badInput('offset', 'must not be negative.');
      if (args.village != null) {
        if (regionLevelOf(args.village) === null) throw badInput('village', 'must be a region code such as 35.10.01.2001 or 35.10.');
        if (isRegionBound(ctx.caller) && !inCallerRegion(ctx.caller, args.village)) throw forbidden(ctx.caller, `cases outside its region (${args.village})`);
      }
      const today = new Date(`${todayInJakarta()}T00:00:00Z`);
      // Overdue: an open case whose due day passed. Spelled out both ways: NOT over a NULL due day would drop the row.
      const overdue: Prisma.IntakeCaseWhereInput = { closedAt: null, dueOn: { lt: today } };
      const notOverdue: Prisma.IntakeCaseWhereInput = { OR: [{ closedAt: { not: null } }, { dueOn: null }, { dueOn: { gte: today } }] };
      const where: Prisma.IntakeCaseWhereInput = {
        AND: [
          scopeOf(ctx.caller, args.kind),
          args.kind == null ? {} : { kind: args.kind },
          args.status == null ? {} : { status: args.status },
          args.village == null ? {} : { villageCode: { startsWith: args.village } },
          args.filedBy == null ? {} : { filedBySubject: args.filedBy },
          args.overdue == null ? {} : args.overdue ? overdue : notOverdue,
        ],
      };
      // Overdue first, then the rest, each oldest first: two queries keep the order exact and the paging simple.
      const [total, overdueTotal] = await Promise.all([ctx.prisma.intakeCase.count({ where }), ctx.prisma.intakeCase.count({ where: { AND: [where, overdue] } })]);
      const order = [{ filedAt: 'asc' as const }, { id: 'asc' as const }];
      const cases: CaseRow[] = [];
      if (args.offset < overdueTotal) {
        cases.push(...(await ctx.prisma.intakeCase.findMany({ where: { AND: [where, overdue] }, orderBy: order, skip: args.offset, take: args.first })));
      }
      const rest = args.first - cases.length;
      if (rest > 0) {
        cases.push(
          ...(await ctx.prisma.intakeCase.findMany({
            where: { AND: [where, notOverdue] },
            orderBy: order,
            skip: Math.max(0, args.offset - overdueTotal),
            take: rest,
          })),
        );
      }
      return { total, cases };
    },
  }),
);
